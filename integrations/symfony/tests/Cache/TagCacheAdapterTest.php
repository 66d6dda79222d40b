<?php
// TagCacheAdapter on its own, over a tagcache cache: keys and tags tagcache would refuse,
// stored false and null, deferred saves, expiry, the contracts' get() ($save, $beta, metadata),
// values stored around the adapter, and bad input.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Cache;

use PHPUnit\Framework\TestCase;
use Psr\Cache\InvalidArgumentException;
use Symfony\Contracts\Cache\ItemInterface;
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Symfony\Cache\TagCacheAdapter;
use TagCache\Symfony\Tests\Cache\Fixtures\RecordingObserver;

final class TagCacheAdapterTest extends TestCase
{
    private VariableFrontend $frontend;
    private RecordingObserver $observer;
    private TagCacheAdapter $adapter;
    private ?string $dir = null;

    protected function setUp(): void
    {
        $this->frontend = new VariableFrontend('Pool', new TransientMemoryBackend());
        $this->observer = new RecordingObserver();
        $this->adapter = new TagCacheAdapter('', null, $this->frontend, $this->observer, 'pool');
    }

    protected function tearDown(): void
    {
        if ($this->dir !== null) {
            (new \Symfony\Component\Filesystem\Filesystem())->remove($this->dir);
        }
    }

    public function testKeysAndTagsOutsideTagcachesAlphabetRoundTrip(): void
    {
        $item = $this->adapter->getItem('user.42 profile');
        $this->assertFalse($item->isHit());
        $item->set(['name' => 'x'])->tag(['user.42', 'a%b', 'é']);
        $this->assertTrue($this->adapter->save($item));

        $read = $this->adapter->getItem('user.42 profile');
        $this->assertTrue($read->isHit());
        $this->assertSame(['name' => 'x'], $read->get());
        $this->assertSame(['user.42' => 'user.42', 'a%b' => 'a%b', 'é' => 'é'], $read->getMetadata()[ItemInterface::METADATA_TAGS]);
        $this->assertSame(['user%2E42%20profile'], array_keys($this->frontend->getByTag('a%25b')));

        $this->assertTrue($this->adapter->invalidateTags(['é']));
        $this->assertFalse($this->adapter->hasItem('user.42 profile'));
    }

    public function testStoredFalseAndNullAreHits(): void
    {
        foreach (['false' => false, 'null' => null, 'zero' => 0, 'empty' => ''] as $key => $value) {
            $this->adapter->save($this->adapter->getItem($key)->set($value));
            $item = $this->adapter->getItem($key);
            $this->assertTrue($item->isHit(), $key);
            $this->assertSame($value, $item->get(), $key);
            $calls = 0;
            $this->assertSame($value, $this->adapter->get($key, function () use (&$calls) { ++$calls; return 'computed'; }));
            $this->assertSame(0, $calls, $key);
        }
    }

    public function testSaveFalseReturnsTheValueAndStoresNothing(): void
    {
        $value = $this->adapter->get('k', function (ItemInterface $item, bool &$save) { $save = false; return 'once'; });
        $this->assertSame('once', $value);
        $this->assertFalse($this->adapter->hasItem('k'));
        $this->assertSame([['read', 'pool', 'k', false, []]], $this->observer->events);
    }

    public function testInfiniteBetaRecomputesAndNegativeBetaIsRefused(): void
    {
        $this->assertSame(1, $this->adapter->get('k', fn () => 1));
        $this->assertSame(1, $this->adapter->get('k', fn () => 2));
        $this->assertSame(3, $this->adapter->get('k', fn () => 3, \INF));
        $this->assertSame(3, $this->adapter->getItem('k')->get());
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('must be a positive number');
        $this->adapter->get('k', fn () => 4, -1.0);
    }

    public function testExpiry(): void
    {
        $this->adapter->save($this->adapter->getItem('past')->set(1)->expiresAt(new \DateTimeImmutable('-1 second')));
        $this->assertFalse($this->adapter->hasItem('past'));
        $this->adapter->save($this->adapter->getItem('soon')->set(1)->expiresAfter(100));
        $this->assertTrue($this->adapter->hasItem('soon'));

        // A value computed already expired goes to the caller and is not stored.
        $this->assertSame('late', $this->adapter->get('gone', function (ItemInterface $item) { $item->expiresAt(new \DateTimeImmutable('-1 minute')); return 'late'; }));
        $this->assertFalse($this->adapter->hasItem('gone'));
        $this->assertFalse($this->frontend->has('gone'));
    }

    public function testDefaultLifetimeRules(): void
    {
        $unlimited = new TagCacheAdapter('', 0, $this->frontend);
        $unlimited->get('k', fn () => 1, null, $metadata);
        $this->assertArrayNotHasKey(ItemInterface::METADATA_EXPIRY, $metadata);

        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage('must be >= 0');
        new TagCacheAdapter('', -5, $this->frontend, null, 'bad');
    }

    public function testDeferredSavesAreCommittedBeforeReads(): void
    {
        $this->adapter->saveDeferred($this->adapter->getItem('d')->set('deferred')->tag('t'));
        $this->assertFalse($this->frontend->has('d'));
        $this->assertSame('deferred', $this->adapter->getItem('d')->get());
        $this->adapter->saveDeferred($this->adapter->getItem('e')->set('e'));
        $this->adapter->reset();
        $this->assertTrue($this->frontend->has('e'));
    }

    public function testValueStoredAroundTheAdapterIsAMissAndIsReplaced(): void
    {
        $this->frontend->set('k', 'raw');
        $this->assertFalse($this->adapter->getItem('k')->isHit());
        $this->assertSame('computed', $this->adapter->get('k', fn () => 'computed'));
        $this->assertSame('computed', $this->adapter->getItem('k')->get());
    }

    public function testDeleteAndClear(): void
    {
        $this->adapter->get('a', fn () => 1);
        $this->adapter->get('b', fn () => 2);
        $this->assertTrue($this->adapter->delete('a'));
        $this->assertFalse($this->adapter->hasItem('a'));
        $this->assertTrue($this->adapter->clear());
        $this->assertFalse($this->adapter->hasItem('b'));
        $this->assertTrue($this->adapter->prune());
    }

    public function testSubNamespaces(): void
    {
        $pool = new TagCacheAdapter('app', 0, $this->frontend);
        $sub = $pool->withSubNamespace('user.1');
        $this->assertNotSame($pool, $sub);
        $pool->get('k', fn () => 'pool');
        $sub->get('k', function (ItemInterface $item) { $item->tag('t'); return 'sub'; });
        $this->assertSame('pool', $pool->getItem('k')->get());
        $this->assertSame('sub', $sub->getItem('k')->get());

        $this->assertTrue($sub->clear());
        $this->assertFalse($sub->hasItem('k'));
        $this->assertTrue($pool->hasItem('k'), 'clearing the sub-namespace leaves the pool');

        $sub->get('k', function (ItemInterface $item) { $item->tag('t'); return 'sub'; });
        $this->assertTrue($pool->invalidateTags(['t']), 'tags ignore sub-namespaces');
        $this->assertFalse($sub->hasItem('k'));

        $sub->get('k', fn () => 'sub');
        $this->assertTrue($pool->clear());
        $this->assertFalse($sub->hasItem('k'), 'clearing the pool clears its sub-namespaces');

        $this->expectException(InvalidArgumentException::class);
        $pool->withSubNamespace('a:b');
    }

    public function testBadKeysAndTagsAreRefusedByName(): void
    {
        foreach (['a{b', '', 'a:b'] as $key) {
            try {
                $this->adapter->getItem($key);
                $this->fail('accepted the key ' . $key);
            } catch (InvalidArgumentException $e) {
                $this->assertStringContainsString('Cache key', $e->getMessage());
            }
        }
        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('a@b');
        $this->adapter->invalidateTags(['a@b']);
    }

    public function testAStringFrontendIsRefusedNamingIt(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage('StringFrontend');
        new TagCacheAdapter('', null, new StringFrontend('Strings', new TransientMemoryBackend()), null, 'p');
    }

    public function testConcurrentMissComputesOnce(): void
    {
        // Our callback starts a second process asking for the same key and returns only once
        // that process is about to call get(): it finds the key locked by us and must wait for
        // our value, never computing its own.
        $this->dir = self::tempDir();
        $adapter = new TagCacheAdapter('ns', null, new VariableFrontend('Shared', new FileBackend(['cacheDirectory' => $this->dir])));
        $child = null;
        $value = $adapter->get('report.1', function () use (&$child) {
            $child = self::startChild($this->dir, 'report.1', 'child', ['before' => "$this->dir/before"]);
            self::assertTrue(self::waitFor("$this->dir/before"), 'the child never started');
            return 'parent';
        });
        $this->assertSame('parent', $value);
        $this->assertSame('got=parent computed=0', self::finishChild($child));
    }

    public function testStaleWhileRevalidateServesTheOldValueWhileAnotherProcessRecomputes(): void
    {
        $this->dir = self::tempDir();
        $options = ['staleWhileRevalidate' => 60, 'lockTimeoutMs' => 3000];
        $adapter = new TagCacheAdapter('ns', null, new VariableFrontend('Shared', new FileBackend(['cacheDirectory' => $this->dir])), null, 'p', $options);
        $this->assertSame('v1', $adapter->get('k', static function (ItemInterface $item): string {
            $item->expiresAfter(1);
            return 'v1';
        }));
        // wait for the wall clock (not for another process) to pass v1's second of life
        for ($until = microtime(true) + 1.1; microtime(true) < $until;) {
            usleep(20000);
        }
        // the child finds v1 stale, takes the lock and recomputes, held in its callback
        $child = self::startChild($this->dir, 'k', 'v2', ['started' => "$this->dir/started", 'release' => "$this->dir/release", 'options' => $options, 'expiresAfter' => 600]);
        $this->assertTrue(self::waitFor("$this->dir/started"), 'the child never started computing');
        $ran = false;
        $meanwhile = $adapter->get('k', static function () use (&$ran): string {
            $ran = true;
            return 'parent';
        });
        touch("$this->dir/release");
        $this->assertSame('got=v2 computed=1', self::finishChild($child), 'the child computed and its store was kept');
        $this->assertSame('v1', $meanwhile, 'served the stale value while the child recomputed');
        $this->assertFalse($ran);
        $this->assertSame('v2', $adapter->get('k', static fn (): string => 'never'));
    }

    public function testNestedGetOfTheSameKeyRecomputes(): void
    {
        $inner = $this->adapter->get('k', function (): string {
            return 'outer(' . $this->adapter->get('k', static fn (): string => 'inner') . ')';
        });
        $this->assertSame('outer(inner)', $inner);
        $this->assertSame('outer(inner)', $this->adapter->get('k', static fn (): string => 'never'), 'the outer value is stored');
    }

    public function testLongSubNamespacesAreHashedIntoTheirTag(): void
    {
        // "&ns-" . encode("ns:bbb...b:") would be 252 bytes
        $pool = new TagCacheAdapter('ns', null, $this->frontend, null, 'pool');
        $sub = $pool->withSubNamespace(str_repeat('b', 240));
        $this->assertTrue($sub->save($sub->getItem('k')->set(1)));
        $this->assertSame(1, $sub->get('k', static fn (): int => 2));
        $this->assertTrue($sub->getItem('k')->isHit());
        $this->assertTrue($pool->save($pool->getItem('k')->set('outer')));
        $this->assertTrue($sub->clear());
        $this->assertFalse($sub->getItem('k')->isHit());
        $this->assertTrue($pool->getItem('k')->isHit(), 'the pool keeps its own entries');
        $this->assertSame(2, $sub->get('k', static fn (): int => 2));
        $this->assertTrue($pool->clear());
        $this->assertFalse($sub->getItem('k')->isHit(), "the pool's clear() takes its sub-namespace");
    }

    private static function tempDir(): string
    {
        $dir = sys_get_temp_dir() . '/tagcache-sf-adapter-' . bin2hex(random_bytes(6));
        mkdir($dir, 0700);
        return $dir;
    }

    /** @return array{resource, resource} */
    private static function startChild(string $dir, string $key, string $value, array $steer): array
    {
        $process = proc_open([\PHP_BINARY, ...self::phpOptions(), __DIR__ . '/Fixtures/compute_child.php', $dir, $key, $value, json_encode($steer)], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        self::assertIsResource($process);
        fclose($pipes[2]);
        return [$process, $pipes[1]];
    }

    private static function finishChild(array $child): string
    {
        $output = stream_get_contents($child[1]);
        fclose($child[1]);
        self::assertSame(0, proc_close($child[0]), $output);
        return $output;
    }

    /** Polls for a file another process creates (at most 20 s). */
    private static function waitFor(string $file): bool
    {
        for ($i = 0; $i < 4000; ++$i) {
            if (file_exists($file)) {
                return true;
            }
            usleep(5000);
        }
        return false;
    }

    /** The -d options this PHP was started with (the extension's path among them), for a child. */
    private static function phpOptions(): array
    {
        $cmdline = @file_get_contents('/proc/self/cmdline');
        $args = $cmdline === false ? [] : explode("\0", rtrim($cmdline, "\0"));
        $options = [];
        for ($i = 1; $i < \count($args); ++$i) {
            if ($args[$i] === '-d' && isset($args[$i + 1])) {
                array_push($options, '-d', $args[++$i]);
            } elseif (str_starts_with($args[$i], '-d')) {
                $options[] = $args[$i];
            } elseif ($args[$i] === '' || $args[$i][0] !== '-') {
                break;
            }
        }
        return $options;
    }
}
