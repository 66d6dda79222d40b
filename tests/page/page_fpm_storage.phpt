--TEST--
PageCache stored in a SharedMemoryBackend segment and in Redis: a page is stored, served without the application, and gone after a tag flush issued by another process
--SKIPIF--
<?php require __DIR__ . '/page_helpers.inc'; require_once __DIR__ . '/../redis_helpers.inc'; tc_fpm_skipif(); tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/page_helpers.inc';
require_once __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\{RedisBackend, SharedMemoryBackend};

$fpm = tc_fpm_start(2);
$segment = tc_tmpdir('pageshm') . '/segment';
$redis = tc_redis_start();
$kinds = ['shared memory' => [SharedMemoryBackend::class, ['segment' => $segment, 'size' => 1 << 20]],
          'Redis' => [RedisBackend::class, ['port' => $redis['port']]]];
foreach ($kinds as $kind => [$class, $options]) {
    $dir = page_app(['backend' => [$class, $options]]);
    $first = page_request($fpm, $dir, 'tags=post-1');
    $second = page_request($fpm, $dir, 'tags=post-1');
    $pc = new TagCache\Page\PageCache(new $class($options));
    $flushed = $pc->flushByTag('post-1');
    $third = page_request($fpm, $dir, 'tags=post-1');
    printf("%s: %s %s same=%s, flushByTag=%d, then %s runs=%d\n", $kind, $first['headers']['x-page'],
        $second['headers']['x-page'], var_export($first['body'] === $second['body'], true), $flushed,
        $third['headers']['x-page'], page_runs($dir));
    tc_rmdir($dir);
}
echo 'errors: ', trim((string)@file_get_contents($fpm['dir'] . '/php-errors.log')), "\n";
tc_fpm_stop($fpm);
tc_redis_stop($redis);
tc_rmdir(dirname($segment));
?>
--EXPECT--
shared memory: MISS HIT same=true, flushByTag=1, then MISS runs=2
Redis: MISS HIT same=true, flushByTag=1, then MISS runs=2
errors: 
