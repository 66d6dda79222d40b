<?php
/* The commands on the local caches: caches, show, flush, flush-cache, flush-tags, remove, gc, warmup. */
declare(strict_types=1);

namespace TagCache\Cli;

use TagCache\Backend\FileBackend;
use TagCache\Backend\IterableBackendInterface;
use TagCache\Backend\SharedMemoryBackend;
use TagCache\CacheFlushException;

final class CacheCommands extends Command
{
    public function caches(): int
    {
        $config = $this->config();
        $rows = [];
        foreach ($config->cacheIdentifiers() as $id) {
            $row = ['cache' => $id, 'frontend' => null, 'backend' => null,
                    'persistent' => $config->manager()->isCachePersistent($id), 'entries' => null, 'bytes' => null];
            try {
                // a cache whose store is down (Redis, memcached) is one row's error, not the command's
                $cache = $config->cache($id);
                $backend = $cache->getBackend();
                $row['frontend'] = get_class($cache);
                $row['backend'] = get_class($backend);
                if ($backend instanceof IterableBackendInterface) {
                    // the count and payload bytes the backend itself reports, entry by entry
                    $row['entries'] = $row['bytes'] = 0;
                    foreach ($backend as $data) {
                        $row['entries']++;
                        $row['bytes'] += is_string($data) ? strlen($data) : 0;
                    }
                }
                if ($backend instanceof SharedMemoryBackend) {
                    $stats = $backend->getStatistics();
                    $row['segment'] = ['file' => $backend->getSegment(), 'size' => $stats['size'] ?? null,
                        'bytesUsed' => $stats['bytesUsed'] ?? null, 'entries' => $stats['entries'] ?? null];
                }
            } catch (UsageError $e) {
                throw $e;
            } catch (\Throwable $e) {
                $row['entries'] = $row['bytes'] = null;
                $row['error'] = Application::describe($e);
            }
            $rows[] = $row;
        }
        $this->out->set('caches', $rows);
        if (!$rows) {
            $this->out->line('no caches configured');
        }
        $this->out->line(sprintf('%-24s %-32s %-10s %9s %12s', 'CACHE', 'BACKEND', 'PERSISTENT', 'ENTRIES', 'BYTES'));
        foreach ($rows as $r) {
            $this->out->line(sprintf('%-24s %-32s %-10s %9s %12s', $r['cache'], self::short($r['backend'] ?? '?'), $r['persistent'] ? 'yes' : 'no',
                $r['entries'] ?? 'unknown', $r['bytes'] ?? 'unknown') . (isset($r['error']) ? "  ({$r['error']})" : ''));
        }
        $failures = array_column(array_filter($rows, fn ($r) => isset($r['error'])), 'error', 'cache');
        return $this->outcome('caches', count($rows), $failures, ['caches' => $rows]);
    }

    public function show(): int
    {
        [$id, $entry] = $this->args->positional;
        $cache = $this->config()->cache($id);
        if (!$cache->isValidEntryIdentifier($entry)) {
            throw new UsageError("\"$entry\" is not a valid entry identifier for cache $id");
        }
        if (!$cache->has($entry)) {
            throw new Failure("cache $id has no entry \"$entry\"", ExitCode::FAILED, ['cache' => $id, 'id' => $entry, 'found' => false]);
        }
        $value = $cache->get($entry);
        $info = ['cache' => $id, 'id' => $entry, 'found' => true, 'value' => self::summary($value), 'tags' => null, 'expires' => null];
        $backend = $cache->getBackend();
        if ($backend instanceof FileBackend) {
            $info = array_merge($info, self::fileHeader($backend->getCacheDirectory() . '/data/' . $entry . '.php'));
        }
        foreach ($info as $k => $v) {
            $this->out->set($k, $v);
        }
        $this->out->line("cache:   $id");
        $this->out->line("id:      $entry");
        $this->out->line('value:   ' . $info['value']['type'] . (isset($info['value']['size']) ? " ({$info['value']['size']})" : ''));
        $this->out->line('         ' . $info['value']['preview']);
        $this->out->line('tags:    ' . ($info['tags'] === null ? 'unknown (the backend does not tell)' : (implode(', ', $info['tags']) ?: 'none')));
        $this->out->line('expires: ' . match (true) {
            $info['expires'] === null => 'unknown (the backend does not tell)',
            $info['expires'] === 0 => 'never',
            default => date('Y-m-d H:i:s T', $info['expires']) . ' (in ' . ($info['expires'] - time()) . ' s)',
        });
        return ExitCode::OK;
    }

    public function flush(): int
    {
        $persistent = $this->args->has('persistent');
        if ($this->args->has('bus')) {
            return $this->publish('flush of all caches', fn ($bus) => $bus->flushAll($persistent));
        }
        $config = $this->config();
        $ids = array_values(array_filter($config->cacheIdentifiers(),
            fn ($id) => $persistent || !$config->manager()->isCachePersistent($id)));
        return $this->eachCache($ids, 'flushing', 'flushed', fn ($cache) => $cache->flush());
    }

    public function flushCache(): int
    {
        $id = $this->args->positional[0];
        if ($this->args->has('bus')) {
            return $this->publish("flush of cache $id", fn ($bus) => $bus->flushCache($id));
        }
        $this->config()->cache($id)->flush();
        $this->out->set('flushed', [$id]);
        $this->out->line("flushed $id");
        return ExitCode::OK;
    }

    public function flushTags(): int
    {
        $tags = $this->args->positional;
        $only = $this->args->value('cache');
        if ($this->args->has('bus')) {
            return $this->publish('flush of tags ' . implode(', ', $tags), fn ($bus) => $bus->flushByTags($tags, $only));
        }
        try {
            if ($only !== null) {
                $removed = $this->config()->cache($only)->flushByTags($tags);
            } else {
                $removed = $this->config()->manager()->flushCachesByTags($tags, $this->args->has('persistent'));
            }
        } catch (\TagCache\InvalidArgumentException $e) {
            throw new UsageError($e->getMessage());
        } catch (CacheFlushException $e) {
            $failures = array_map(fn ($t) => Application::describe($t), $e->getFailures());
            return $this->outcome('caches', count($this->config()->cacheIdentifiers()), $failures, ['tags' => $tags]);
        }
        $this->out->set('tags', $tags);
        $this->out->set('removed', $removed);
        $this->out->line("removed $removed entries tagged " . implode(', ', $tags));
        return ExitCode::OK;
    }

    public function remove(): int
    {
        [$id, $entry] = $this->args->positional;
        if ($this->args->has('bus')) {
            return $this->publish("removal of $id/$entry", fn ($bus) => $bus->remove($id, $entry));
        }
        $cache = $this->config()->cache($id);
        if (!$cache->isValidEntryIdentifier($entry)) {
            throw new UsageError("\"$entry\" is not a valid entry identifier for cache $id");
        }
        $removed = $cache->remove($entry);
        $this->out->set('removed', $removed);
        $this->out->line($removed ? "removed $id/$entry" : "$id/$entry was not there (nothing removed)");
        return ExitCode::OK;
    }

    public function gc(): int
    {
        return $this->eachCache($this->config()->cacheIdentifiers(), 'collecting garbage in', 'collected', fn ($cache) => $cache->collectGarbage());
    }

    public function warmup(): int
    {
        $warmers = $this->config()->get('warmers');
        $names = $this->args->positional ?: array_map('strval', array_keys($warmers));
        foreach ($names as $name) {
            if (!array_key_exists($name, $warmers)) {
                throw new UsageError("no warmer \"$name\" in configuration {$this->config()->file}; its warmers: "
                    . (implode(', ', array_keys($warmers)) ?: 'none'));
            }
        }
        $manager = $this->config()->manager();
        $done = [];
        $failures = [];
        foreach ($names as $i => $name) {
            $this->out->progress(sprintf('warming up %d/%d: %s', $i + 1, count($names), $name));
            $warmer = $warmers[$name];
            try {
                $callable = is_string($warmer) && !is_callable($warmer) ? new $warmer() : $warmer;
                $result = $callable($manager);
                $done[$name] = is_int($result) ? $result : null;
                $this->out->line("warmed $name" . (is_int($result) ? " ($result entries)" : ''));
            } catch (\Throwable $e) {
                $failures[$name] = Application::describe($e);
            }
        }
        $this->out->set('warmed', $done);
        return $this->outcome('warmers', count($names), $failures, ['warmed' => $done]);
    }

    /** Runs $fn on each cache with a progress line; failing caches do not stop the others. */
    private function eachCache(array $ids, string $doing, string $done, callable $fn): int
    {
        $ok = [];
        $failures = [];
        foreach ($ids as $i => $id) {
            $this->out->progress(sprintf('%s %d/%d: %s', $doing, $i + 1, count($ids), $id));
            try {
                $fn($this->config()->cache($id));
                $ok[] = $id;
            } catch (UsageError $e) {
                throw $e;
            } catch (\Throwable $e) {
                $failures[$id] = Application::describe($e);
            }
        }
        $this->out->set($done, $ok);
        $this->out->line("$done " . count($ok) . ' cache' . (count($ok) === 1 ? '' : 's') . ($ok ? ': ' . implode(', ', $ok) : ''));
        return $this->outcome('caches', count($ids), $failures, [$done => $ok]);
    }

    /** Publishes one clear to the bus (every node applies it). */
    private function publish(string $what, callable $fn): int
    {
        return BusCommands::publishWith($this->config(), $this->out, $what, $fn);
    }

    /** @return array{type: string, size?: string, preview: string} */
    private static function summary(mixed $value): array
    {
        $preview = static fn (string $s): string => strlen($s) > 200 ? substr($s, 0, 200) . '...' : $s;
        return match (true) {
            is_string($value) => ['type' => 'string', 'size' => strlen($value) . ' bytes', 'preview' => $preview(addcslashes($value, "\0..\37\177"))],
            is_array($value) => ['type' => 'array', 'size' => count($value) . ' elements',
                'preview' => $preview((string)json_encode($value, JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE))],
            is_object($value) => ['type' => 'object', 'size' => get_class($value), 'preview' => $preview(get_class($value)
                . ' ' . (string)json_encode(get_object_vars($value), JSON_PARTIAL_OUTPUT_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE))],
            default => ['type' => get_debug_type($value), 'preview' => var_export($value, true)],
        };
    }

    /** Tags and expiry from a FileBackend entry's header line (src/backend/file_format.h). */
    private static function fileHeader(string $file): array
    {
        $fh = @fopen($file, 'rb');
        $line = $fh ? (string)fgets($fh, 65536) : '';
        if ($fh) {
            fclose($fh);
        }
        if (!preg_match('~tagcache1 [PD] (\d+) \d+((?: [^ \n]+)*)\n$~', $line, $m)) {
            return [];
        }
        return ['expires' => (int)$m[1], 'tags' => $m[2] === '' ? [] : explode(' ', ltrim($m[2]))];
    }

    private static function short(string $class): string
    {
        return substr($class, (int)strrpos($class, '\\') + (str_contains($class, '\\') ? 1 : 0));
    }
}
