<?php
/*
 * Which subjects run in which storage family. The first subject of a group is tagcache's: the
 * report's ratios are its time over each other subject's. Peers and floors that cannot run here
 * (no APCu, no redis-server, no Symfony) are left out with a note, never an error.
 */

require_once __DIR__ . '/subject.php';
require_once __DIR__ . '/redis.php';
require_once __DIR__ . '/tagcache.php';
require_once __DIR__ . '/peers.php';
require_once __DIR__ . '/floors.php';

/** @return array<string, Group> */
function bench_groups(): array
{
    $symfony = symfony_available();
    $apcu = apcu_available();
    $redis = bench_redis_port() !== null;
    $noSymfony = 'php-symfony-cache is not installed (' . SYMFONY_CACHE_AUTOLOAD . ')';
    $noApcu = 'APCu is not loaded or not enabled (the runner passes -d apc.enable_cli=1)';
    $noRedis = class_exists('Redis') ? 'no redis-server on this machine' : 'phpredis is not loaded';

    $file = new Group('file', 'File system (' . (getenv('TAGCACHE_BENCH_DIR') ?: sys_get_temp_dir()) . ')');
    $file->add('tagcache FileBackend', 'tc_file_subject');
    if ($symfony) {
        $file->add('Symfony TagAwareAdapter(FilesystemAdapter)', 'sf_tagaware_filesystem_subject');
        $file->add('Symfony FilesystemTagAwareAdapter', 'sf_filesystem_tagaware_subject');
    } else {
        $file->skip('Symfony filesystem adapters', $noSymfony);
    }
    $file->add('floor: file_get_contents + unserialize', 'floor_files_subject');

    $memory = new Group('memory', 'Memory (process memory; APCu: shared memory)');
    $memory->add('tagcache TransientMemoryBackend', 'tc_memory_subject');
    if ($symfony) {
        $memory->add('Symfony TagAwareAdapter(ArrayAdapter)', 'sf_array_subject');
        if ($apcu) {
            $memory->add('Symfony TagAwareAdapter(ApcuAdapter)', 'sf_apcu_subject');
        } else {
            $memory->skip('Symfony TagAwareAdapter(ApcuAdapter)', $noApcu);
        }
    } else {
        $memory->skip('Symfony ArrayAdapter / ApcuAdapter', $noSymfony);
    }
    $memory->add('floor: PHP array + serialize', 'floor_array_subject');
    if ($apcu) {
        $memory->add('floor: apcu_fetch / apcu_store', 'floor_apcu_subject');
    } else {
        $memory->skip('floor: apcu_fetch / apcu_store', $noApcu);
    }

    // Memory shared by processes: its own group, because a group's ratios are its one tagcache
    // subject's time over each other row's (here: APCu, the shared memory PHP has without tagcache).
    $shm = new Group('shm', 'Shared memory (one segment every process maps)');
    $shm->add('tagcache SharedMemoryBackend', 'tc_shm_subject');
    if ($symfony && $apcu) {
        $shm->add('Symfony TagAwareAdapter(ApcuAdapter)', 'sf_apcu_subject');
    } else {
        $shm->skip('Symfony TagAwareAdapter(ApcuAdapter)', $symfony ? $noApcu : $noSymfony);
    }
    if ($apcu) {
        $shm->add('floor: apcu_fetch / apcu_store', 'floor_apcu_subject');
    } else {
        $shm->skip('floor: apcu_fetch / apcu_store', $noApcu);
    }

    $groups = ['file' => $file, 'memory' => $memory, 'shm' => $shm];
    $r = new Group('redis', 'Redis (own redis-server on 127.0.0.1)');
    if (!$redis) {
        $r->skip('every Redis subject', $noRedis);
    } else {
        if (tc_redis_available()) {
            $r->add('tagcache RedisBackend', 'tc_redis_subject');
        } else {
            $r->skip('tagcache RedisBackend', 'TagCache\\Backend\\RedisBackend is not in this build yet; its rows appear once it is');
        }
        if ($symfony) {
            $r->add('Symfony RedisTagAwareAdapter', 'sf_redis_subject');
        } else {
            $r->skip('Symfony RedisTagAwareAdapter', $noSymfony);
        }
        $r->add('floor: phpredis GET / SET / MGET', 'floor_redis_subject');
    }
    $groups['redis'] = $r;
    return $groups;
}
