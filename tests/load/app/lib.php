<?php
/*
 * The load test's application, shared by its pages (run by php-fpm workers) and by the
 * harness's editor (CLI): the post "database" (one file per post holding its version, replaced
 * by atomic rename), the data caches (a Redis cache and a file cache, entries tagged post-N)
 * and detection of the invalidation features the installed extension offers, so that the same
 * application runs on builds with and without them.
 */

/** The harness writes config.php beside this file; see tests/load/harness.inc. */
function load_config(): array
{
    return require __DIR__ . '/config.php';
}

/** The current version of post $id (0 before its first edit). */
function load_db_version(array $cfg, int $id): int
{
    $raw = @file_get_contents($cfg['dbDir'] . "/post-$id");
    return $raw === false ? 0 : (int)$raw;
}

/** Stores $version as post $id's version: temp file + rename, so a reader sees old or new, never half. */
function load_db_write(array $cfg, int $id, int $version): void
{
    $tmp = $cfg['dbDir'] . "/.post-$id." . getmypid() . '.' . bin2hex(random_bytes(4));
    if (file_put_contents($tmp, (string)$version) === false || !chmod($tmp, 0644) || !rename($tmp, $cfg['dbDir'] . "/post-$id")) {
        @unlink($tmp);
        throw new RuntimeException("cannot write post $id's version");
    }
}

/** Both data caches share one manager: flushCachesByTag reaches the Redis and the file cache. */
function load_manager(array $cfg): TagCache\CacheManager
{
    return new TagCache\CacheManager([
        'Default' => ['frontend' => 'VariableFrontend', 'backend' => 'FileBackend',
                      'backendOptions' => ['defaultLifetime' => 0]],
        'PostsRedis' => ['backend' => 'RedisBackend',
                         'backendOptions' => ['hostname' => '127.0.0.1', 'port' => $cfg['redisPort'], 'database' => 0]],
        'PostsFile' => [],
    ], ['cacheDirectory' => $cfg['cacheDir'], 'applicationIdentifier' => 'load']);
}

/**
 * Which of the invalidation features this build has. Each is detected from the API itself
 * (an unknown option is an exception naming it), never from a version number:
 *   flushException  flushes that fail raise TagCache\CacheFlushException
 *   tickets         get($id, &$ticket) / set(..., $ticket): bool drop writes that raced a flush
 *   secondSend      VarnishClient option secondSendDelay (and flushDelayed())
 *   guard           ResponseTagger option guard: marks responses whose tags were flushed meanwhile
 *   vclStale        the shipped VCL refuses to cache responses marked X-Tagcache-Stale
 */
function load_features(?string $vclDir = null): array
{
    $get = new ReflectionMethod(TagCache\Frontend\VariableFrontend::class, 'get');
    $set = new ReflectionMethod(TagCache\Frontend\VariableFrontend::class, 'set');
    $features = [
        'flushException' => class_exists('TagCache\CacheFlushException'),
        'tickets' => $get->getNumberOfParameters() >= 2 && $set->getNumberOfParameters() >= 5,
        'secondSend' => load_accepts_option(fn() => new TagCache\Http\VarnishClient(['127.0.0.1:9'], ['secondSendDelay' => 0.1])),
        'guard' => load_accepts_option(fn() => new TagCache\Http\ResponseTagger(['guard' => new TagCache\Frontend\VariableFrontend('load_probe', new TagCache\Backend\NullBackend())])),
    ];
    if ($vclDir !== null) {
        $vcl = implode('', array_map('file_get_contents', glob("$vclDir/tagcache-*.vcl") ?: []));
        $features['vclStale'] = stripos($vcl, 'X-Tagcache-Stale') !== false;
    }
    return $features;
}

function load_accepts_option(callable $build): bool
{
    try {
        $build();
        return true;
    } catch (Throwable $e) {
        return false;
    }
}

/**
 * Post $id's version through $cache (cache-aside). On a miss the post is read from the
 * database and "rendered" (a pause of up to renderMaxMs, as building a real page takes), then
 * written back; with write tickets the write is dropped when post-$id was flushed since the
 * miss, so a value read before an edit never lands after the edit's flush. Returns
 * [version, how: "hit" | "miss" | "dropped"].
 */
function load_cached_post(array $cfg, TagCache\Frontend\FrontendInterface $cache, int $id, bool $tickets): array
{
    $key = "post-$id";
    $ticket = null;
    try {
        $value = $tickets ? $cache->get($key, $ticket) : $cache->get($key);
    } catch (TagCache\NotSupportedByBackendException $e) {
        $tickets = false; // a backend without write tickets: plain cache-aside
        $value = $cache->get($key);
    }
    if (is_array($value) && isset($value['version'])) {
        return [(int)$value['version'], 'hit'];
    }
    $version = load_db_version($cfg, $id);
    if ($cfg['renderMaxMs'] > 0) {
        usleep(random_int(0, $cfg['renderMaxMs'] * 1000));
    }
    $value = ['version' => $version, 'body' => "post $id, version $version"];
    if ($tickets) {
        $stored = $cache->set($key, $value, [$key], 0, $ticket);
        return [$version, $stored === false ? 'dropped' : 'miss'];
    }
    $cache->set($key, $value, [$key], 0);
    return [$version, 'miss'];
}
