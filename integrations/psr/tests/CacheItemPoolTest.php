<?php
// The PSR-6 pool's own promises beyond the conformance suite: any valid key and tag, one backend
// read per item, stored false/null, past expiries, the lifetime mapping, deferred saves left to
// the destructor, and store failures reported instead of thrown or swallowed.

declare(strict_types=1);

namespace TagCache\Psr\Tests;

use PHPUnit\Framework\TestCase;
use TagCache\Backend\RedisBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Psr\CacheItem;
use TagCache\Psr\CacheItemPool;
use TagCache\Psr\InvalidArgumentException;
use TagCache\Psr\KeyCodec;
use TagCache\Psr\SimpleCache;
use TagCache\Psr\Tests\Support\FrozenClock;
use TagCache\Psr\Tests\Support\RecordingFrontend;
use TagCache\Psr\Tests\Support\RecordingLogger;
use TagCache\Psr\Tests\Support\RefusedPort;

final class CacheItemPoolTest extends TestCase
{
    private RecordingFrontend $frontend;
    private CacheItemPool $pool;

    protected function setUp(): void
    {
        $this->frontend = new RecordingFrontend();
        $this->pool = new CacheItemPool($this->frontend);
    }

    public function testKeysWithDotsUnicodeAndAnyLengthAreStoredUnderTheirEncoding(): void
    {
        $keys = ['user.42', 'naïve.ключ.🙂', '%2E', '&', 'a b!?[]', str_repeat('x.', 32), str_repeat('é', 500)];
        foreach ($keys as $i => $key) {
            $this->assertTrue($this->pool->save($this->pool->getItem($key)->set($i)), $key);
        }
        $fresh = new CacheItemPool($this->frontend);
        foreach ($keys as $i => $key) {
            $item = $fresh->getItem($key);
            $this->assertTrue($item->isHit(), $key);
            $this->assertSame($i, $item->get(), $key);
            $this->assertSame($key, $item->getKey());
            $this->assertNotFalse($this->frontend->get(KeyCodec::encode($key)), $key);
        }
    }

    public function testStoredFalseAndNullAreHitsReadWithOneCall(): void
    {
        $this->pool->save($this->pool->getItem('false')->set(false));
        $this->pool->save($this->pool->getItem('null')->set(null));
        foreach (['false' => false, 'null' => null] as $key => $value) {
            $this->frontend->calls = [];
            $item = $this->pool->getItem($key);
            $this->assertTrue($item->isHit(), $key);
            $this->assertSame($value, $item->get(), $key);
            $this->assertTrue($this->pool->hasItem($key), $key);
            $this->assertSame(['get', 'get'], $this->frontend->methods(), $key);
        }
        $this->frontend->calls = [];
        $this->assertFalse($this->pool->getItem('absent')->isHit());
        $this->assertSame(['get'], $this->frontend->methods());
    }

    public function testGetItemsYieldsEachKeyOnceAsAString(): void
    {
        $this->pool->save($this->pool->getItem('1')->set('one'));
        $got = [];
        foreach ($this->pool->getItems(['1', '01', '1', 'x.y']) as $key => $item) {
            $got[] = [$key, $item->isHit()];
        }
        $this->assertSame([['1', true], ['01', false], ['x.y', false]], $got);
    }

    public function testSaveWithAPastExpiryIsAMissAndRemovesTheOldEntry(): void
    {
        $past = [
            'expiresAt past' => static fn ($item) => $item->expiresAt(new \DateTimeImmutable('-1 second')),
            'expiresAfter 0' => static fn ($item) => $item->expiresAfter(0),
            'expiresAfter -5' => static fn ($item) => $item->expiresAfter(-5),
            'negative interval' => static fn ($item) => $item->expiresAfter(\DateInterval::createFromDateString('-1 minute')),
        ];
        foreach ($past as $how => $expire) {
            $this->pool->save($this->pool->getItem('k')->set('old')->setTags(['t']));
            $item = $expire($this->pool->getItem('k')->set('new'));
            $this->frontend->calls = [];
            $this->assertTrue($this->pool->save($item), $how);
            $this->assertSame(['remove'], $this->frontend->methods(), $how);
            $this->assertFalse($this->pool->getItem('k')->isHit(), $how);
        }
    }

    public function testLifetimesGivenToTheFrontend(): void
    {
        $lifetimes = [];
        $save = function (CacheItemPool $pool, callable $expire) use (&$lifetimes): void {
            $item = $expire($pool->getItem('k')->set(1));
            $this->frontend->calls = [];
            $pool->save($item);
            $this->assertSame('set', $this->frontend->calls[0][0]);
            $lifetimes[] = $this->frontend->calls[0][3];
        };
        $save($this->pool, static fn ($i) => $i);                                      // no expiry: unlimited
        $save($this->pool, static fn ($i) => $i->expiresAfter(null));
        $save(new CacheItemPool($this->frontend, 60), static fn ($i) => $i);            // the pool's default
        $save($this->pool, static fn ($i) => $i->expiresAfter(10));
        $save($this->pool, static fn ($i) => $i->expiresAfter(new \DateInterval('PT2M')));
        // a clock standing still at .25 s past a second, so rounding has one right answer
        $frozen = new FrozenClock('1700000000.250000');
        $save(new CacheItemPool($this->frontend, clock: $frozen), static fn ($i) => $i->expiresAt(new \DateTimeImmutable('@1700003600')));
        $save(new CacheItemPool($this->frontend, clock: $frozen), static fn ($i) => $i->expiresAt(new \DateTimeImmutable('@1700000000.500000')));
        // 0 is tagcache's "unlimited"; null would have been the backend's defaultLifetime (3600)
        $this->assertSame(0, $lifetimes[0]);
        $this->assertSame(0, $lifetimes[1]);
        $this->assertSame(60, $lifetimes[2]);
        $this->assertSame(10, $lifetimes[3]);
        $this->assertSame(120, $lifetimes[4]);
        $this->assertSame(3600, $lifetimes[5], '3599.75 s: whole seconds, rounded up');
        $this->assertSame(1, $lifetimes[6], '0.25 s: at least one second');
    }

    public function testDeferredItemsAreSeenBeforeCommitAndCommittedByTheDestructor(): void
    {
        $pool = new CacheItemPool($this->frontend);
        $this->assertTrue($pool->saveDeferred($pool->getItem('d.1')->set(false)->setTags(['x.y'])));
        $this->assertTrue($pool->getItem('d.1')->isHit());
        $this->assertSame(['x.y' => 'x.y'], $pool->getItem('d.1')->getPreviousTags());
        $this->assertFalse($this->frontend->get(KeyCodec::encode('d.1')), 'not stored before commit');

        unset($pool);
        $item = (new CacheItemPool($this->frontend))->getItem('d.1');
        $this->assertTrue($item->isHit(), 'committed by the destructor');
        $this->assertFalse($item->get());
        $this->assertSame(1, $this->frontend->flushByTag(KeyCodec::encode('x.y')), 'stored with its tag');
    }

    public function testTagsOfAnyShapeAreInvalidatedAndRemembered(): void
    {
        $tags = ['tag.one', 'ü ber', '123', str_repeat('long.', 100)];
        $this->pool->save($this->pool->getItem('a')->set(1)->setTags($tags));
        $this->pool->save($this->pool->getItem('b')->set(2)->setTags(['tag.one']));
        $item = (new CacheItemPool($this->frontend))->getItem('a');
        $this->assertSame($tags, array_map('strval', array_values($item->getPreviousTags())));

        $this->assertTrue($this->pool->invalidateTag(str_repeat('long.', 100)));
        $this->assertFalse($this->pool->hasItem('a'));
        $this->assertTrue($this->pool->hasItem('b'));
    }

    public function testAFetchedItemSavedAgainKeepsItsTags(): void
    {
        $this->pool->save($this->pool->getItem('k')->set(1)->setTags(['t']));
        $this->pool->save($this->pool->getItem('k')->set(2));
        $this->assertSame(2, $this->pool->getItem('k')->get());
        $this->pool->invalidateTags(['t']);
        $this->assertFalse($this->pool->hasItem('k'));
    }

    public function testBadKeysAndTagsNameTheValueAndTheRule(): void
    {
        foreach (['getItem', 'hasItem', 'deleteItem'] as $method) {
            $e = null;
            try {
                $this->pool->$method('user:42');
            } catch (\Throwable $e) {
            }
            // caught as \Throwable, so each assertion below can fail
            $this->assertNotNull($e, "$method accepted user:42");
            $this->assertSame(InvalidArgumentException::class, $e::class, $method);
            $this->assertSame(\InvalidArgumentException::class, get_parent_class($e), $method);
            $interfaces = class_implements($e);
            $this->assertArrayHasKey(\Psr\Cache\InvalidArgumentException::class, $interfaces, $method);
            $this->assertArrayHasKey(\Psr\SimpleCache\InvalidArgumentException::class, $interfaces, $method);
            $this->assertSame('Cache key "user:42" is invalid: it must be a non-empty string without any of the reserved characters {}()/\@:', $e->getMessage());
        }
        try {
            $this->pool->getItem('k')->setTags(['ok', 7]);
            $this->fail('setTags accepted 7');
        } catch (InvalidArgumentException $e) {
            $this->assertSame('Cache tag of type int is invalid: it must be a non-empty string', $e->getMessage());
        }
        $this->expectExceptionMessage('Cache tag "" is invalid');
        $this->pool->invalidateTags(['']);
    }

    public function testStoreFailuresAreLoggedAndAnsweredAsPsrSays(): void
    {
        $refused = new RefusedPort();
        try {
            $logger = new RecordingLogger();
            $frontend = new VariableFrontend('down', new RedisBackend(['port' => $refused->port]));
            $pool = new CacheItemPool($frontend, logger: $logger);

            $item1 = $pool->getItem('k.1');
            $this->assertFalse($item1->isHit(), 'a failed read is a miss');
            $item2 = $pool->getItem('k.2');
            $this->assertFalse($pool->hasItem('k.1'));
            $this->assertFalse($pool->save($item1->set(1)));
            $this->assertTrue($pool->saveDeferred($item2->set(2)));
            $this->assertFalse($pool->commit(), 'commit() is false when a save failed');
            $this->assertFalse($pool->deleteItem('k.1'));
            $this->assertFalse($pool->deleteItems(['k.1', 'k.2']));
            $this->assertFalse($pool->invalidateTag('t'));
            $this->assertFalse($pool->clear());

            $this->assertSame([
                'Reading cache key "{key}" failed, answered as a miss: {message}',
                'Reading cache key "{key}" failed, answered as a miss: {message}',
                'Reading cache key "{key}" failed, answered as a miss: {message}',
                'Saving cache key "{key}" failed: {message}',
                'Saving cache key "{key}" failed: {message}',
                'Deleting cache key "{key}" failed: {message}',
                'Deleting cache key "{key}" failed: {message}',
                'Deleting cache key "{key}" failed: {message}',
                'Invalidating tags "{key}" failed: {message}',
                'Clearing cache "{key}" failed: {message}',
            ], array_column($logger->records, 'message'));
            $first = $logger->records[0];
            $this->assertSame('warning', $first['level']);
            $this->assertSame('k.1', $first['context']['key']);
            $this->assertInstanceOf(\TagCache\BackendException::class, $first['context']['exception']);
            $this->assertStringContainsString('Connection refused', $first['context']['message']);
            $this->assertSame('k.2', $logger->records[4]['context']['key'], 'the deferred save that failed');
        } finally {
            $refused->release();
        }
    }

    public function testAFrontendRefusingAWriteMakesSaveAndCommitFalse(): void
    {
        $logger = new RecordingLogger();
        $pool = new CacheItemPool($this->frontend, logger: $logger);
        $this->frontend->refuseSets = true;
        $this->assertFalse($pool->save($pool->getItem('k')->set(1)));
        $pool->saveDeferred($pool->getItem('d')->set(1));
        $this->assertFalse($pool->commit());
        $this->assertFalse($pool->getItem('k')->isHit());
        $this->assertSame(['Saving cache key "{key}" failed: the frontend refused it'], array_unique(array_column($logger->records, 'message')));
        $this->assertSame(['k', 'd'], array_column(array_column($logger->records, 'context'), 'key'));
    }

    public function testWithoutALoggerFailuresRaiseASilencedWarning(): void
    {
        $refused = new RefusedPort();
        $seen = [];
        set_error_handler(static function (int $type, string $message) use (&$seen): bool {
            $seen[] = [$type, $message];
            return true;
        });
        try {
            $pool = new CacheItemPool(new VariableFrontend('down', new RedisBackend(['port' => $refused->port])));
            $item = $pool->getItem('k.1');
            $seen = [];
            $this->assertFalse($pool->save($item->set(1)));
        } finally {
            restore_error_handler();
            $refused->release();
        }
        $this->assertCount(1, $seen);
        $this->assertSame(\E_USER_WARNING, $seen[0][0]);
        $this->assertStringStartsWith('Saving cache key "k.1" failed: Redis at 127.0.0.1:', $seen[0][1]);
    }

    public function testItemsFromElsewhereAreRefused(): void
    {
        $logger = new RecordingLogger();
        $pool = new CacheItemPool($this->frontend, logger: $logger);
        $other = new class implements \Psr\Cache\CacheItemInterface {
            public function getKey(): string { return 'k'; }
            public function get(): mixed { return 1; }
            public function isHit(): bool { return false; }
            public function set(mixed $value): static { return $this; }
            public function expiresAt(?\DateTimeInterface $expiration): static { return $this; }
            public function expiresAfter(int|\DateInterval|null $time): static { return $this; }
        };
        $this->assertFalse($pool->save($other));
        $this->assertFalse($pool->saveDeferred($other));
        $this->assertCount(2, $logger->records);
        $this->assertStringContainsString('not a TagCache\Psr\CacheItem', $logger->records[0]['context']['message']);

        // an item of another pool, even over the same cache: false and logged, never thrown
        $another = new CacheItemPool($this->frontend);
        $this->assertFalse($pool->save($another->getItem('k')->set(2)));
        $this->assertFalse($pool->saveDeferred($another->getItem('k')->set(2)));
        $this->assertFalse($pool->getItem('k')->isHit(), 'nothing saved');
        $this->assertCount(4, $logger->records);
        $this->assertSame('Cache key "{key}" not saved: {message}', $logger->records[2]['message']);
        $this->assertSame('the item was made by another TagCache\Psr\CacheItemPool; save it there, or getItem() it from this one', $logger->records[2]['context']['message']);
        // a clone of its own item is its own
        $this->assertTrue($pool->save(clone $pool->getItem('k')->set(3)));
        $this->assertSame(3, $pool->getItem('k')->get());

        // an item built by hand: an invalid key throws as getItem() would, a valid one is refused
        $now = static fn (): float => microtime(true);
        $this->assertFalse($pool->save(new CacheItem('ok', $now, 1)));
        $this->assertCount(5, $logger->records);
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('Cache key "user:42" is invalid');
        $pool->save(new CacheItem('user:42', $now, 1));
    }

    public function testDeferredValuesAreSnapshotsReadAsFreshCopies(): void
    {
        $value = new \stdClass();
        $value->n = 1;
        $this->assertTrue($this->pool->saveDeferred($this->pool->getItem('d')->set($value)));
        $value->n = 2;
        $first = $this->pool->getItem('d')->get();
        $this->assertSame(1, $first->n, 'changing the object after saveDeferred() changes nothing');
        $first->n = 3;
        $second = $this->pool->getItem('d')->get();
        $this->assertSame(1, $second->n, 'each read is a fresh copy');
        $this->assertNotSame($first, $second);
        $this->assertTrue($this->pool->commit());
        $this->assertSame(1, (new CacheItemPool($this->frontend))->getItem('d')->get()->n, 'committed as saved');
    }

    public function testResourcesAreRefusedAtAnyDepth(): void
    {
        $logger = new RecordingLogger();
        $pool = new CacheItemPool($this->frontend, logger: $logger);
        $simple = new SimpleCache($this->frontend, logger: $logger);
        $open = fopen('php://memory', 'r');
        $closed = fopen('php://memory', 'r');
        fclose($closed);
        $this->assertFalse($simple->set('r', $open));
        $this->assertFalse($simple->set('nested', ['a' => ['b' => [$open]]]));
        $this->assertFalse($simple->setMultiple(['closed' => $closed]));
        $this->assertFalse($pool->save($pool->getItem('item')->set([1, $open])));
        $this->assertFalse($pool->saveDeferred($pool->getItem('deferred')->set($open)));
        $this->assertFalse($pool->getItem('deferred')->isHit());
        // arrays holding themselves through references (twice: a naive walk never ends)
        $cyclic = [1];
        $cyclic[] = &$cyclic;
        $cyclic[] = &$cyclic;
        $this->assertTrue($simple->set('cyclic', $cyclic));
        $this->assertFalse($simple->set('cyclic.resource', [$cyclic, [[$open]]]));
        fclose($open);
        $this->assertSame(['r' => null, 'nested' => null, 'closed' => null, 'item' => null, 'deferred' => null, 'cyclic.resource' => null], iterator_to_array($simple->getMultiple(['r', 'nested', 'closed', 'item', 'deferred', 'cyclic.resource'])));
        $this->assertSame(1, $simple->get('cyclic')[0]);
        $this->assertCount(6, $logger->records);
        foreach ($logger->records as $record) {
            $this->assertSame('Saving cache key "{key}" failed: {message}', $record['message']);
            $this->assertMatchesRegularExpression('/^the value (is|holds) a resource, which cannot be cached/', $record['context']['message']);
        }
    }

    public function testStringFrontendsAndNegativeDefaultsAreRefused(): void
    {
        try {
            new CacheItemPool(new StringFrontend('s', new TransientMemoryBackend([])));
            $this->fail('a StringFrontend was accepted');
        } catch (InvalidArgumentException $e) {
            $this->assertStringContainsString('TagCache\Frontend\StringFrontend, which stores strings only', $e->getMessage());
        }
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('defaultLifetime -1 is invalid');
        new SimpleCache($this->frontend, -1);
    }

    public function testPoolAndSimpleCacheShareEntries(): void
    {
        $simple = new SimpleCache($this->frontend);
        $simple->set('shared.key', false);
        $item = $this->pool->getItem('shared.key');
        $this->assertTrue($item->isHit());
        $this->assertFalse($item->get());
        $this->pool->save($this->pool->getItem('tagged')->set('v')->setTags(['t']));
        $this->assertSame('v', $simple->get('tagged'));
        $this->pool->invalidateTag('t');
        $this->assertNull($simple->get('tagged'));
    }
}
