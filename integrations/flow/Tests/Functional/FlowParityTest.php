<?php
/*
 * Where the bridge answers as Flow's own backends do: option values as Flow settings give them
 * (strings from %env(...)%), Flow's option names in error messages, answers before setCache(),
 * lazy iteration, TransientMemoryBackend's keep-everything, Redis status, and that caches and
 * applications sharing one store stay apart. Lifetimes are checked through the expiry the
 * native file backend stores in an entry's header line, never by waiting.
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests\Functional;

use Neos\Cache\Backend\WithStatusInterface;
use Neos\Cache\EnvironmentConfiguration;
use Neos\Cache\Exception;
use Neos\Cache\Frontend\StringFrontend;
use Neos\Cache\Frontend\VariableFrontend;
use PHPUnit\Framework\TestCase;
use TagCache\Flow\Backend\FileBackend;
use TagCache\Flow\Backend\NativeBackend;
use TagCache\Flow\Backend\PdoBackend;
use TagCache\Flow\Backend\RedisBackend;
use TagCache\Flow\Backend\SimpleFileBackend;
use TagCache\Flow\Backend\TransientMemoryBackend;
use TagCache\Flow\Tests\Harness\Scratch;
use TagCache\Flow\Tests\RedisServer;
use TagCache\Flow\Tests\WithRedisServer;

final class FlowParityTest extends TestCase
{
    use WithRedisServer;

    private function environment(string $application = 'Acme~Testing'): EnvironmentConfiguration
    {
        return new EnvironmentConfiguration($application, Scratch::directory() . '/Temporary/');
    }

    /** @param array<string, mixed> $options */
    private function bind(string $class, array $options, string $cache = 'Acme_Parity', string $application = 'Acme~Testing'): NativeBackend
    {
        $backend = new $class($this->environment($application), $options);
        $backend->setCache(new StringFrontend($cache, $backend));
        return $backend;
    }

    /** @return array<string, mixed> options of a RedisBackend on the test server */
    private function redisOptions(array $more = []): array
    {
        if (self::$redis === null) {
            $this->markTestSkipped('redis-server is not installed');
        }
        return ['hostname' => '127.0.0.1', 'port' => self::$redis->port] + $more;
    }

    /** The expiry (Unix time, 0 = unlimited) in the header line of a native file entry. */
    private static function storedExpiry(FileBackend $backend, string $entryIdentifier): int
    {
        $header = explode(' ', strtok((string)file_get_contents($backend->getCacheDirectory() . 'data/' . $entryIdentifier . '.php'), "\n"));
        self::assertSame(['<?php', '__halt_compiler();', 'tagcache1'], array_slice($header, 0, 3));
        return (int)$header[4];
    }

    public function testStringsOfDigitsAreIntegersAsFlowTakesThem(): void
    {
        $unlimited = $this->bind(FileBackend::class, ['defaultLifetime' => '0']);
        $unlimited->set('entry', 'x');
        self::assertSame(0, self::storedExpiry($unlimited, 'entry'));

        $minute = $this->bind(FileBackend::class, ['defaultLifetime' => '60'], 'Acme_Minute');
        $before = time();
        $minute->set('entry', 'x');
        $after = time();
        $expiry = self::storedExpiry($minute, 'entry');
        self::assertGreaterThanOrEqual($before + 60, $expiry);
        self::assertLessThanOrEqual($after + 60, $expiry);

        foreach ([SimpleFileBackend::class, TransientMemoryBackend::class] as $class) {
            $backend = $this->bind($class, ['defaultLifetime' => '0']);
            $backend->set('entry', 'x');
            self::assertSame('x', $backend->get('entry'), $class);
        }
        $pdo = $this->bind(PdoBackend::class, ['dataSourceName' => 'sqlite:' . Scratch::directory() . '/cache.sqlite', 'batchSize' => '100', 'defaultLifetime' => '0']);
        $pdo->set('entry', 'x', ['t']);
        self::assertSame(1, $pdo->flushByTag('t'));

        $redis = $this->bind(RedisBackend::class, $this->redisOptions(['port' => (string)self::$redis->port, 'database' => '1', 'compressionLevel' => '1', 'batchSize' => '100', 'defaultLifetime' => '0']));
        $redis->set('entry', str_repeat('compressible ', 100), ['t']);
        self::assertSame(str_repeat('compressible ', 100), $redis->get('entry'));
        self::assertSame(1, $redis->flushByTag('t'));
    }

    /** @return array<string, array{class-string, array<string, mixed>, string}> */
    public static function refusedStrings(): array
    {
        return [
            'port not digits' => [RedisBackend::class, ['port' => '63a9'], 'RedisBackend option "port" must be an integer from 1 to 65535, got string "63a9"'],
            'negative defaultLifetime' => [FileBackend::class, ['defaultLifetime' => '-1'], 'FileBackend option "defaultLifetime" must be an integer >= 0'],
            'batchSize with a space' => [PdoBackend::class, ['dataSourceName' => 'sqlite::memory:', 'batchSize' => ' 9'], 'PdoBackend option "batchSize"'],
            'renamed option, Flow name' => [RedisBackend::class, ['timeout' => -1], 'RedisBackend option "timeout" must be a number of seconds'],
            'renamed option, other' => [RedisBackend::class, ['readWriteTimeout' => 'slow'], 'RedisBackend option "readWriteTimeout"'],
        ];
    }

    /**
     * @dataProvider refusedStrings
     * @param class-string $class
     * @param array<string, mixed> $options
     */
    public function testOtherValuesAreStillRefusedNamingTheOptionGiven(string $class, array $options, string $message): void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage($message);
        new $class($this->environment(), $options);
    }

    public function testPositiveLifetimeExpiresAndDefaultLifetimeApplies(): void
    {
        $backend = $this->bind(FileBackend::class, ['defaultLifetime' => 0]);
        $before = time();
        $backend->set('short', 'x', [], 1);
        $backend->set('default', 'x');
        $after = time();
        self::assertContains(self::storedExpiry($backend, 'short'), range($before + 1, $after + 1));
        self::assertSame(0, self::storedExpiry($backend, 'default'));

        // An entry whose expiry has passed reads as a miss: rewrite the stored expiry (same
        // number of digits, so only the time changes) into the past, and into the future.
        $file = $backend->getCacheDirectory() . 'data/short.php';
        $stored = (string)file_get_contents($file);
        $expiry = (string)self::storedExpiry($backend, 'short');
        file_put_contents($file, str_replace(' ' . $expiry . ' ', ' ' . ($expiry + 1000) . ' ', $stored));
        self::assertSame('x', $backend->get('short'));
        file_put_contents($file, str_replace(' ' . $expiry . ' ', ' ' . ($expiry - 1000) . ' ', $stored));
        self::assertFalse($backend->get('short'));
        self::assertFalse($backend->has('short'));
    }

    public function testTransientMemoryKeepsEntriesAsFlowsDoes(): void
    {
        $backend = new TransientMemoryBackend($this->environment(), ['defaultLifetime' => 1]);
        $cache = new VariableFrontend('Acme_Runtime', $backend);
        $backend->setCache($cache);
        $cache->set('a', 'kept', ['t']);
        // Flow's TransientMemoryBackend ignores lifetimes: even one already past.
        $cache->set('b', 'also kept', ['t'], -1);
        self::assertSame('also kept', $cache->get('b'));
        // A second setCache() with the same frontend keeps what it holds, as Flow's does.
        $backend->setCache($cache);
        self::assertSame('kept', $cache->get('a'));
        self::assertEqualsCanonicalizing(['a', 'b'], $backend->findIdentifiersByTag('t'));
    }

    public function testPdoTakesFlowsDefaultsForUsernameAndBatchSize(): void
    {
        // Flow's PdoBackend defaults: username '' (none) and batchSize 999 (clamped to 300 rows).
        $backend = $this->bind(PdoBackend::class, ['dataSourceName' => 'sqlite:' . Scratch::directory() . '/cache.sqlite', 'username' => '', 'batchSize' => 999]);
        for ($i = 0; $i < 350; $i++) {
            $backend->set('e' . $i, 'x', ['all']);
        }
        self::assertSame(350, $backend->flushByTag('all'));
    }

    public function testAnswersBeforeSetCacheAsFlowsBackends(): void
    {
        foreach ([FileBackend::class, SimpleFileBackend::class, TransientMemoryBackend::class] as $class) {
            $backend = new $class($this->environment(), []);
            self::assertFalse($backend->has('entry'), $class);
            self::assertFalse($backend->get('entry'), $class);
            self::assertFalse($backend->remove('entry'), $class);
            try {
                $backend->set('entry', 'x');
                self::fail($class . ' stored without a frontend');
            } catch (Exception $e) {
                self::assertSame(1238244992, $e->getCode());
            }
        }
    }

    public function testIterationRewindsLazilyAsFlowsDoes(): void
    {
        foreach ([FileBackend::class, SimpleFileBackend::class, TransientMemoryBackend::class] as $class) {
            $backend = $this->bind($class, [], 'Acme_Iterated');
            $backend->set('only', 'x');
            // No rewind() first: Flow's iterators rewind on first use.
            self::assertTrue($backend->valid(), $class);
            self::assertSame('only', $backend->key(), $class);
            self::assertSame('x', $backend->current(), $class);
            $backend->next();
            self::assertFalse($backend->valid(), $class);
            $backend->flush();
        }
    }

    public function testAFlushOfOneCacheLeavesOthersAlone(): void
    {
        $stores = [
            [FileBackend::class, []],
            [SimpleFileBackend::class, []],
            [PdoBackend::class, ['dataSourceName' => 'sqlite:' . Scratch::directory() . '/cache.sqlite']],
        ];
        if (self::$redis !== null) {
            $stores[] = [RedisBackend::class, $this->redisOptions()];
        }
        foreach ($stores as [$class, $options]) {
            $one = $this->bind($class, $options, 'Acme_One');
            $other = $this->bind($class, $options, 'Acme_Other');
            $otherApplication = $this->bind($class, $options, 'Acme_One', 'Other~Application');
            $one->set('entry', 'one');
            $other->set('entry', 'other');
            if ($class !== FileBackend::class && $class !== SimpleFileBackend::class) {
                // Shared stores: Flow's application identifier keeps applications apart.
                $otherApplication->set('entry', 'other application');
            }
            $one->flush();
            self::assertFalse($one->has('entry'), $class);
            self::assertSame('other', $other->get('entry'), $class);
            if ($class !== FileBackend::class && $class !== SimpleFileBackend::class) {
                self::assertSame('other application', $otherApplication->get('entry'), $class);
                $otherApplication->flush();
            }
            $other->flush();
        }
    }

    public function testRedisStatusForFlowsCacheShow(): void
    {
        $backend = $this->bind(RedisBackend::class, $this->redisOptions());
        self::assertInstanceOf(WithStatusInterface::class, $backend);
        $status = $backend->getStatus();
        self::assertFalse($status->hasErrors());
        self::assertSame('127.0.0.1:' . self::$redis->port, $status->getNotices()[0]->getMessage());

        $nobody = $this->bind(RedisBackend::class, ['hostname' => '127.0.0.1', 'port' => RedisServer::freePort(), 'timeout' => 0.5]);
        self::assertTrue($nobody->getStatus()->hasErrors());
    }
}
