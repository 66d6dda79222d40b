--TEST--
tagcache command, quick (also under valgrind): caches --json, flush-tags and show on a file cache, and a configuration error
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open is disabled'); ?>
--FILE--
<?php
require __DIR__ . '/cli_helpers.inc';
$dir = tc_tmpdir('cli-smoke');
$caches = ['pages' => ['backend' => TagCache\Backend\FileBackend::class]];
$options = ['cacheDirectory' => "$dir/cache"];
$config = tc_cli_config($dir, '<?php return ' . var_export(['caches' => $caches, 'manager' => $options], true) . ';');
$pages = (new TagCache\CacheManager($caches, $options))->getCache('pages');
$pages->set('a', 'A', ['news']);
$pages->set('b', 'B', ['sport']);

$r = tc_cli(['--config', $config, 'caches', '--json']);
echo "caches: exit {$r['exit']}, pages entries {$r['json']['caches'][0]['entries']}\n";
$r = tc_cli(['--config', $config, 'flush-tags', 'news']);
echo "flush-tags: exit {$r['exit']}, {$r['out']}";
echo "a: ", $pages->has('a') ? 'yes' : 'no', ", b: ", $pages->has('b') ? 'yes' : 'no', "\n";
$r = tc_cli(['--config', $config, 'show', 'pages', 'b', '--json']);
echo "show: exit {$r['exit']}, tags ", implode(',', $r['json']['tags']), "\n";
tc_cli_show('bad config', tc_cli(['--config', "$dir/nope.php", 'gc']));
?>
--EXPECTF--
caches: exit 0, pages entries 2
flush-tags: exit 0, removed 1 entries tagged news
a: no, b: yes
show: exit 0, tags sport
bad config: exit 2 | tagcache: configuration file %s/nope.php does not exist
