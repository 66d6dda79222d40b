--TEST--
tagcache command on local caches: warmup, caches, show, flush-tags (one cache, all), remove, flush (persistent kept unless --persistent), gc; text and --json; --progress and --quiet; failing warmers give exit 3 (some) or 1 (all)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip slow under valgrind (about 25 child processes; cli_smoke.phpt runs there)');
if (!function_exists('proc_open')) die('skip proc_open is disabled');
?>
--FILE--
<?php
require __DIR__ . '/cli_helpers.inc';
$dir = tc_tmpdir('cli-caches');
$configPhp = <<<PHP
<?php
use TagCache\Backend\FileBackend;
use TagCache\Backend\SharedMemoryBackend;

final class CliTestWarmer
{
    public function __invoke(TagCache\CacheManager \$m): int
    {
        \$m->getCache('shm')->set('s1', ['x' => 1], ['t1']);
        return 1;
    }
}

return [
    'caches' => [
        'Default' => ['backend' => FileBackend::class],
        'pages' => ['backendOptions' => ['defaultLifetime' => 0]],
        'shm' => ['backend' => SharedMemoryBackend::class, 'backendOptions' => ['segment' => '$dir/segment', 'size' => 1 << 20]],
        'keep' => ['frontend' => TagCache\Frontend\StringFrontend::class, 'persistent' => true],
    ],
    'manager' => ['cacheDirectory' => '$dir/cache', 'persistentCacheDirectory' => '$dir/persistent'],
    'warmers' => [
        'fill' => function (TagCache\CacheManager \$m) {
            \$m->getCache('pages')->set('a', 'hello world', ['t1', 't2'], 600);
            \$m->getCache('pages')->set('b', [1, 2, 3], ['t2']);
            \$m->getCache('keep')->set('k', 'kept', ['t2']);
            return 3;
        },
        'shm' => CliTestWarmer::class,
        'broken' => function () { throw new RuntimeException('source database down'); },
    ],
];
PHP;
$config = tc_cli_config($dir, $configPhp);
$cli = fn (string ...$args) => tc_cli(['--config', $config, ...$args]);
// this process looks at the same caches (same directories, same segment)
$values = require $config;
$manager = new TagCache\CacheManager($values['caches'], $values['manager']);
$has = fn (string $cache, string $id) => $manager->getCache($cache)->has($id) ? 'yes' : 'no';

$r = $cli('warmup', 'fill', 'shm', '--json');
echo "warmup fill shm: exit {$r['exit']}, warmed ", json_encode($r['json']['warmed']), "\n";
$r = $cli('warmup', '--progress');
echo "warmup all: exit {$r['exit']} | ", trim(strtok($r['err'], "\n")), ' | ', substr_count($r['err'], 'warming up '), " progress lines\n";
echo "  ", preg_replace('/\s+/', ' ', trim(explode('tagcache:', $r['err'])[1] ?? '')), "\n";
tc_cli_show('warmup broken', $cli('warmup', 'broken'));
tc_cli_show('warmup unknown', $cli('warmup', 'fill', 'nope'));

$r = $cli('caches', '--json');
foreach ($r['json']['caches'] as $c) {
    printf("%s: %s %s persistent=%s entries=%s bytes>0=%s\n", $c['cache'], substr(strrchr($c['frontend'], '\\'), 1), substr(strrchr($c['backend'], '\\'), 1),
        var_export($c['persistent'], true), var_export($c['entries'], true), var_export($c['bytes'] > 0, true));
}
echo "segment size: ", $r['json']['caches'][1]['segment']['size'], "\n";
$r = $cli('caches');
echo "text: exit {$r['exit']}, ", count(explode("\n", trim($r['out']))), " lines, ", preg_match('/^pages\s+FileBackend\s+no\s+2\s+\d+$/m', $r['out']) ? 'pages row ok' : "pages row wrong:\n{$r['out']}", "\n";

$r = $cli('show', 'pages', 'a');
echo preg_replace('/\(in \d+ s\)/', '(in N s)', preg_replace('/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \w+/', 'DATE', $r['out']));
$r = $cli('show', 'pages', 'b', '--json');
echo "show --json: exit {$r['exit']}, ", json_encode(['value' => $r['json']['value'], 'tags' => $r['json']['tags'], 'expires' => $r['json']['expires']]), "\n";
$r = $cli('show', 'shm', 's1', '--json');
echo "show shm: tags ", json_encode($r['json']['tags']), ", value ", $r['json']['value']['preview'], "\n";
tc_cli_show('show missing', $cli('show', 'pages', 'zz'));
tc_cli_show('show bad id', $cli('show', 'pages', 'a/b'));

$r = $cli('flush-tags', 't1', '--cache', 'pages', '--json');
echo "flush-tags t1 --cache pages: exit {$r['exit']}, removed {$r['json']['removed']}; pages/a ", $has('pages', 'a'), ", shm/s1 ", $has('shm', 's1'), "\n";
$r = $cli('flush-tags', 't2', 't1');
echo "flush-tags t2 t1: exit {$r['exit']}, {$r['out']}";
echo "  pages/b ", $has('pages', 'b'), ", shm/s1 ", $has('shm', 's1'), ", keep/k ", $has('keep', 'k'), " (persistent)\n";
tc_cli_show('flush-tags invalid tag', $cli('flush-tags', 'bad tag!'));

$manager->getCache('pages')->set('c', 'c');
$r = $cli('remove', 'pages', 'c', '--json');
echo "remove: exit {$r['exit']}, removed ", var_export($r['json']['removed'], true), ", pages/c ", $has('pages', 'c'), "\n";
$r = $cli('remove', 'pages', 'c');
echo "remove again: exit {$r['exit']}, {$r['out']}";

$manager->getCache('pages')->set('d', 'd');
$manager->getCache('shm')->set('d', 'd');
$r = $cli('flush', '--progress');
echo "flush: exit {$r['exit']}, {$r['out']}  progress: ", str_replace("\n", ' / ', trim($r['err'])), "\n";
echo "  pages/d ", $has('pages', 'd'), ", shm/d ", $has('shm', 'd'), ", keep/k ", $has('keep', 'k'), "\n";
$r = $cli('flush', '--persistent', '--quiet');
echo "flush --persistent --quiet: exit {$r['exit']}, stdout '{$r['out']}', stderr '{$r['err']}', keep/k ", $has('keep', 'k'), "\n";
$manager->getCache('pages')->set('old', 'x', [], 1);
$r = $cli('gc', '--json');
echo "gc: exit {$r['exit']}, collected ", implode(',', $r['json']['collected']), "\n";
$r = $cli('flush-cache', 'shm');
echo "flush-cache: exit {$r['exit']}, {$r['out']}";

// a cache whose store is down is its row's error: exit 3 (some), the others still listed
$down = tc_cli_config($dir, '<?php return ' . var_export(['caches' => [
    'r' => ['backend' => TagCache\Backend\RedisBackend::class, 'backendOptions' => ['hostname' => '127.0.0.1', 'port' => tc_reserved_port(), 'connectTimeout' => 1.0]],
    'm' => ['backend' => TagCache\Backend\TransientMemoryBackend::class]]], true) . ';', 'down.php');
$r = tc_cli(['--config', $down, 'caches', '--json']);
echo "store down: exit {$r['exit']}, r error ", isset($r['json']['caches'][0]['error']) ? 'yes' : 'no', ", m entries {$r['json']['caches'][1]['entries']}, failures ", implode(',', array_keys($r['json']['failures'])), "\n";
?>
--EXPECTF--
warmup fill shm: exit 0, warmed {"fill":3,"shm":1}
warmup all: exit 3 | warming up 1/3: fill | 3 progress lines
  1 of 3 warmers failed (broken: RuntimeException: source database down)
warmup broken: exit 1 | tagcache: warmers failed (broken: RuntimeException: source database down)
warmup unknown: exit 2 | tagcache: no warmer "nope" in configuration %s
pages: VariableFrontend FileBackend persistent=false entries=2 bytes>0=true
shm: VariableFrontend SharedMemoryBackend persistent=false entries=1 bytes>0=true
keep: StringFrontend FileBackend persistent=true entries=1 bytes>0=true
segment size: 1048576
text: exit 0, 4 lines, pages row ok
cache:   pages
id:      a
value:   string (11 bytes)
         hello world
tags:    t1, t2
expires: DATE (in N s)
show --json: exit 0, {"value":{"type":"array","size":"3 elements","preview":"[1,2,3]"},"tags":["t2"],"expires":0}
show shm: tags null, value {"x":1}
show missing: exit 1 | tagcache: cache pages has no entry "zz"
show bad id: exit 2 | tagcache: "a/b" is not a valid entry identifier for cache pages
flush-tags t1 --cache pages: exit 0, removed 1; pages/a no, shm/s1 yes
flush-tags t2 t1: exit 0, removed 2 entries tagged t2, t1
  pages/b no, shm/s1 no, keep/k yes (persistent)
flush-tags invalid tag: exit 2 | tagcache: %s
remove: exit 0, removed true, pages/c no
remove again: exit 0, pages/c was not there (nothing removed)
flush: exit 0, flushed 2 caches: pages, shm
  progress: flushing 1/2: pages / flushing 2/2: shm
  pages/d no, shm/d no, keep/k yes
flush --persistent --quiet: exit 0, stdout '', stderr '', keep/k no
gc: exit 0, collected pages,shm,keep
flush-cache: exit 0, flushed shm
store down: exit 3, r error yes, m entries 0, failures r
