<?php
/*
 * The PHP script the fpm:* commands run inside a php-fpm pool: written to a private temporary
 * folder the pool can read, requested once over FastCGI, removed afterwards. It answers one
 * JSON document: OPcache status (or the result of opcache_reset()) and the statistics of the
 * configuration's shared-memory caches as the pool's workers see them (flushed first for clear).
 */
declare(strict_types=1);

namespace TagCache\Cli;

final class FpmScript
{
    /** @param array{configs: array, options: array, ids: list<string>} $shm */
    public static function source(string $action, array $shm): string
    {
        $head = "<?php\n// Written and removed by the tagcache command (fpm:$action); safe to delete.\n"
            . '$action = ' . var_export($action, true) . ";\n"
            . '$shm = ' . var_export($shm, true) . ";\n";
        return $head . <<<'PHP'
header('Content-Type: application/json');
header('Cache-Control: no-store');
$r = ['pid' => getmypid(), 'sapi' => PHP_SAPI, 'php' => PHP_VERSION, 'tagcache' => extension_loaded('tagcache'),
      'opcache' => ['loaded' => function_exists('opcache_get_status')]];
if ($r['opcache']['loaded']) {
    $st = @opcache_get_status(false);
    $r['opcache']['enabled'] = is_array($st) && !empty($st['opcache_enabled']);
    if (is_array($st)) {
        $r['opcache']['memory'] = $st['memory_usage'] ?? null;
        $r['opcache']['statistics'] = array_intersect_key($st['opcache_statistics'] ?? [], array_flip(
            ['num_cached_scripts', 'hits', 'misses', 'opcache_hit_rate', 'start_time', 'last_restart_time', 'oom_restarts', 'manual_restarts']));
        $r['opcache']['restartPending'] = $st['restart_pending'] ?? null;
    }
    if ($action === 'opcache-reset') {
        $r['opcache']['reset'] = $r['opcache']['enabled'] && opcache_reset();
    }
}
$r['caches'] = [];
if ($r['tagcache'] && $shm['ids']) {
    try {
        $manager = new TagCache\CacheManager($shm['configs'], $shm['options']);
        foreach ($shm['ids'] as $id) {
            try {
                $cache = $manager->getCache($id);
                if ($action === 'clear') {
                    $cache->flush();
                }
                $backend = $cache->getBackend();
                $r['caches'][$id] = ['segment' => $backend->getSegment(), 'statistics' => $backend->getStatistics()];
            } catch (Throwable $e) {
                $r['caches'][$id] = ['error' => get_class($e) . ': ' . $e->getMessage()];
            }
        }
    } catch (Throwable $e) {
        $r['error'] = get_class($e) . ': ' . $e->getMessage();
    }
}
$r['segments'] = [];
foreach (glob('/dev/shm/tagcache-*') ?: [] as $file) {
    $r['segments'][$file] = @filesize($file);
}
echo json_encode($r, JSON_PARTIAL_OUTPUT_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE);
PHP;
    }
}
