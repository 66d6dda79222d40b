<?php
// Entries that cannot be read back (a value whose __unserialize() throws an \Error, bytes the
// frontend cannot decode) and values that cannot be written: a miss or false, logged, never
// thrown; an unreadable entry is removed so it does not fail again on every read.

declare(strict_types=1);

namespace TagCache\Psr\Tests;

use PHPUnit\Framework\TestCase;
use TagCache\Psr\CacheItemPool;
use TagCache\Psr\KeyCodec;
use TagCache\Psr\SimpleCache;
use TagCache\Psr\Tests\Support\RecordingFrontend;
use TagCache\Psr\Tests\Support\RecordingLogger;
use TagCache\Psr\Tests\Support\Touchy;

final class UnreadableEntriesTest extends TestCase
{
    private RecordingFrontend $frontend;
    private RecordingLogger $logger;
    private CacheItemPool $pool;
    private SimpleCache $simple;

    protected function setUp(): void
    {
        $this->frontend = new RecordingFrontend();
        $this->logger = new RecordingLogger();
        $this->pool = new CacheItemPool($this->frontend, logger: $this->logger);
        $this->simple = new SimpleCache($this->frontend, logger: $this->logger);
    }

    protected function tearDown(): void
    {
        Touchy::reset();
    }

    public function testAnErrorWhileUnserializingIsALoggedMissAndRemovesTheEntry(): void
    {
        $reads = [
            'get' => fn () => $this->assertSame('d', $this->simple->get('get', 'd')),
            'has' => fn () => $this->assertFalse($this->simple->has('has')),
            'getMultiple' => fn () => $this->assertSame(['getMultiple' => 'd'], iterator_to_array($this->simple->getMultiple(['getMultiple'], 'd'))),
            'getItem' => fn () => $this->assertFalse($this->pool->getItem('getItem')->isHit()),
            'hasItem' => fn () => $this->assertFalse($this->pool->hasItem('hasItem')),
            'getItems' => fn () => $this->assertFalse(iterator_to_array($this->pool->getItems(['getItems']))['getItems']->isHit()),
        ];
        foreach (array_keys($reads) as $key) {
            $this->assertTrue($this->simple->set($key, new Touchy($key)));
        }
        Touchy::$failUnserialize = array_keys($reads);
        foreach ($reads as $key => $read) {
            $read();
            $this->assertFalse($this->frontend->getBackend()->has(KeyCodec::encode($key)), "$key: the unreadable entry is removed");
        }
        $this->assertCount(\count($reads), $this->logger->records);
        foreach ($this->logger->records as $i => $record) {
            $key = array_keys($reads)[$i];
            $this->assertSame('Reading cache key "{key}" failed, answered as a miss: {message}', $record['message']);
            $this->assertSame($key, $record['context']['key']);
            $this->assertSame(\Error::class, $record['context']['exception']::class);
            $this->assertSame("cannot unserialize $key", $record['context']['message']);
        }
    }

    public function testCommitWritesEveryItemWhenOneThrowsAnError(): void
    {
        $keys = ['d.1', 'd.2', 'd.3', 'd.4', 'd.5'];
        foreach ($keys as $key) {
            $this->assertTrue($this->pool->saveDeferred($this->pool->getItem($key)->set(new Touchy($key))));
        }
        Touchy::$failSerialize = ['d.2'];    // an \Error while the frontend writes it
        Touchy::$failUnserialize = ['d.3'];  // an \Error while commit() reads its snapshot back
        $this->frontend->setThrows[KeyCodec::encode('d.4')] = new \TypeError('a frontend in PHP failing');
        $this->assertFalse($this->pool->commit());
        Touchy::reset();
        $written = [];
        foreach ($keys as $key) {
            $written[$key] = $this->simple->get($key)?->name;
        }
        $this->assertSame(['d.1' => 'd.1', 'd.2' => null, 'd.3' => null, 'd.4' => null, 'd.5' => 'd.5'], $written);
        $this->assertSame(array_fill(0, 3, 'Saving cache key "{key}" failed: {message}'), array_column($this->logger->records, 'message'));
        $this->assertSame(['d.2', 'd.3', 'd.4'], array_column(array_column($this->logger->records, 'context'), 'key'));
        $this->assertSame('a frontend in PHP failing', $this->logger->records[2]['context']['message']);
        $this->assertStringContainsString('cannot serialize d.2', $this->logger->records[0]['context']['message']);
        $this->assertSame('cannot unserialize d.3', $this->logger->records[1]['context']['message']);
    }

    public function testAnEntryTheFrontendCannotDecodeIsLoggedNotWarned(): void
    {
        $this->frontend->getBackend()->set(KeyCodec::encode('bad.bytes'), 'garbage, not an entry');
        $warnings = [];
        set_error_handler(static function (int $type, string $message) use (&$warnings): bool {
            $warnings[] = [$type, $message];
            return true;
        });
        try {
            $this->assertSame('d', $this->simple->get('bad.bytes', 'd'));
            $this->assertFalse($this->pool->getItem('bad.bytes')->isHit());
            $this->assertSame([], $warnings, 'with a logger, no PHP warning');

            $withoutLogger = new SimpleCache($this->frontend);
            $this->assertSame('d', $withoutLogger->get('bad.bytes', 'd'));
        } finally {
            restore_error_handler();
        }
        $this->assertCount(2, $this->logger->records);
        foreach ($this->logger->records as $record) {
            $this->assertSame('Reading cache key "{key}" raised a warning: {message}', $record['message']);
            $this->assertSame('bad.bytes', $record['context']['key']);
            $this->assertInstanceOf(\ErrorException::class, $record['context']['exception']);
            $this->assertSame(\E_WARNING, $record['context']['exception']->getSeverity());
            $this->assertStringContainsString('entry "bad%2Ebytes" starts with an unknown format marker', $record['context']['message']);
        }
        $this->assertCount(1, $warnings, 'without a logger, PHP\'s warning stays');
        $this->assertSame(\E_WARNING, $warnings[0][0]);
        $this->assertStringContainsString('unknown format marker', $warnings[0][1]);
    }
}
