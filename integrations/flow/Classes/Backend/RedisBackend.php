<?php
/*
 * Flow's RedisBackend over tagcache's native Redis backend (hiredis): a set with tags is one
 * round trip, tag sets expire with their longest-living member, PHP entries are included
 * through the engine. Name it in Caches.yaml as TagCache\Flow\Backend\RedisBackend.
 *
 * Options, Flow's name => native name where they differ: timeout => connectTimeout,
 * readWriteTimeout => readTimeout, service => sentinelService. hostname, port, database,
 * password, compressionLevel, batchSize, defaultLifetime, sentinels pass as they are, and so do
 * the native-only ones (readTimeout, persistent, cluster, sentinelPassword, applicationIdentifier).
 * applicationIdentifier defaults to md5(Flow's application identifier), as Flow's key prefix.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

use Neos\Cache\Backend\FreezableBackendInterface;
use Neos\Cache\Backend\IterableBackendInterface;
use Neos\Cache\Backend\PhpCapableBackendInterface;
use Neos\Cache\Backend\TaggableBackendInterface;
use Neos\Cache\Backend\WithStatusInterface;
use Neos\Error\Messages\Error;
use Neos\Error\Messages\Notice;
use Neos\Error\Messages\Result;
use TagCache\Backend\BackendInterface as NativeBackendInterface;
use TagCache\Backend\RedisBackend as NativeRedisBackend;

class RedisBackend extends NativeBackend implements TaggableBackendInterface, PhpCapableBackendInterface, FreezableBackendInterface, IterableBackendInterface, WithStatusInterface
{
    use Taggable;
    use Freezable;

    /** Flow's option names that the native backend spells otherwise. */
    private const RENAMED = ['timeout' => 'connectTimeout', 'readWriteTimeout' => 'readTimeout', 'service' => 'sentinelService'];

    /** Flow's RedisBackend takes these as int|string. */
    protected const INTEGER_OPTIONS = ['defaultLifetime', 'port', 'database', 'compressionLevel', 'batchSize'];

    protected function createNative(bool $codeCache): NativeBackendInterface
    {
        $options = [];
        $givenAs = [];
        foreach ($this->options as $name => $value) {
            if ($name === 'redis') {
                throw new \InvalidArgumentException('RedisBackend option "redis" (a \Redis instance) is not supported: the native backend keeps its own connection; give hostname, port, database and password instead', 1732990004);
            }
            $native = self::RENAMED[$name] ?? $name;
            if (isset($givenAs[$native])) {
                throw new \InvalidArgumentException(sprintf('RedisBackend options "%s" and "%s" are the same option: give one', $givenAs[$native], $name), 1732990005);
            }
            $givenAs[$native] = $name;
            $options[$native] = $value;
        }
        $options['applicationIdentifier'] ??= $this->applicationIdentifier();
        try {
            return new NativeRedisBackend($options);
        } catch (\InvalidArgumentException $e) {
            // The native message names its own option; say the name Caches.yaml used.
            $message = $e->getMessage();
            foreach ($givenAs as $native => $name) {
                if ($native !== $name) {
                    $message = str_replace('option "' . $native . '"', 'option "' . $name . '"', $message);
                }
            }
            if ($message === $e->getMessage()) {
                throw $e;
            }
            $class = get_class($e);
            throw new $class($message, (int)$e->getCode(), $e);
        }
    }

    /** Flow's RedisBackend reports the server it talks to (flow:cache:show); so does this one. */
    public function getStatus(): Result
    {
        $result = new Result();
        $hostname = (string)($this->options['hostname'] ?? '127.0.0.1');
        if (!empty($this->options['sentinels'])) {
            $server = 'sentinels ' . implode(', ', (array)$this->options['sentinels']);
        } else {
            // A hostname starting with "/" is a unix socket: no port.
            $server = str_starts_with($hostname, '/') ? $hostname : $hostname . ':' . ($this->options['port'] ?? 6379);
        }
        try {
            // A read of a key nobody writes: it connects, authenticates and selects the database.
            ($this->nativeOrNull() ?? $this->nativeUnbound())->has('TagCache_Flow_status_probe');
        } catch (\Throwable $e) {
            $result->addError(new Error($e->getMessage(), (int)$e->getCode(), [], 'Redis server'));
            return $result;
        }
        $result->addNotice(new Notice($server, null, [], 'Redis server'));
        $result->addNotice(new Notice((string)($this->options['database'] ?? 0), null, [], 'Database'));
        return $result;
    }

    /** @return mixed what the entry's code returns */
    public function requireOnce(string $entryIdentifier)
    {
        return $this->nativeRequireOnce($entryIdentifier);
    }
}
