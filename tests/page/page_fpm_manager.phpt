--TEST--
PageCache on a CacheManager's cache: flushCachesByTag() removes the pages carrying the tag together with the data entries that carry it; other pages and entries stay
--SKIPIF--
<?php require __DIR__ . '/page_helpers.inc'; tc_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/page_helpers.inc';
require __DIR__ . '/helpers/manager_config.php';
$fpm = tc_fpm_start(2);
$dir = page_app(['manager' => true]);

foreach (['tags=post-1', 'tags=post-2'] as $q) {
    page_request($fpm, $dir, $q);
    echo "$q: ", page_request($fpm, $dir, $q)['headers']['x-page'], "\n";
}
$manager = new TagCache\CacheManager(...page_manager_config($dir));
$data = $manager->getCache('Data');
$data->set('teaser-1', 'text of post 1', ['post-1']);
$data->set('teaser-2', 'text of post 2', ['post-2']);

echo 'flushCachesByTag(post-1): ', $manager->flushCachesByTag('post-1'), " entries\n";
echo 'tags=post-1: ', page_request($fpm, $dir, 'tags=post-1')['headers']['x-page'], ' runs=', page_runs($dir), "\n";
echo 'tags=post-2: ', page_request($fpm, $dir, 'tags=post-2')['headers']['x-page'], ' runs=', page_runs($dir), "\n";
var_dump($data->has('teaser-1'), $data->has('teaser-2'));
echo 'errors: ', trim((string)@file_get_contents($fpm['dir'] . '/php-errors.log')), "\n";
tc_fpm_stop($fpm);
tc_rmdir($dir);
?>
--EXPECT--
tags=post-1: HIT
tags=post-2: HIT
flushCachesByTag(post-1): 2 entries
tags=post-1: MISS runs=3
tags=post-2: HIT runs=3
bool(false)
bool(true)
errors: 
