--TEST--
Frontend: lifetime null = defaultLifetime, 0 = unlimited, negative = InvalidArgumentException
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir();
$caches = [
    'file' => new VariableFrontend('life_f', new FileBackend(['cacheDirectory' => $dir, 'defaultLifetime' => 1])),
    'memory' => new VariableFrontend('life_m', new TransientMemoryBackend(['defaultLifetime' => 1])),
];
foreach ($caches as $cache) {
    $cache->set('default', 'd', ['t']);          // null: the backend's defaultLifetime (1 s)
    $cache->set('explicit_null', 'n', ['t'], null);
    $cache->set('unlimited', 'u', ['t'], 0);       // 0: never expires, also with a defaultLifetime
    $cache->set('long', 'l', ['t'], 3600);
}
foreach ($caches as $name => $cache) {
    echo "== $name before\n";
    var_dump($cache->has('default'), $cache->has('explicit_null'), $cache->has('unlimited'), $cache->has('long'));
}
sleep(2);
foreach ($caches as $name => $cache) {
    echo "== $name after 2s\n";
    var_dump($cache->get('default'), $cache->get('explicit_null'), $cache->get('unlimited'), $cache->get('long'));
    $ids = $cache->getBackend()->findIdentifiersByTag('t');
    sort($ids);
    echo implode(',', $ids), "\n";
    tc_expect_exception(fn() => $cache->set('neg', 'x', [], -1));
    var_dump($cache->has('neg'));
    tc_expect_exception(fn() => $cache->getBackend()->set('neg', 'x', [], -5));
}
echo "== defaultLifetime option checks\n";
tc_expect_exception(fn() => new FileBackend(['defaultLifetime' => -1]));
tc_expect_exception(fn() => new TransientMemoryBackend(['defaultLifetime' => 'soon']));
?>
--EXPECTF--
== file before
bool(true)
bool(true)
bool(true)
bool(true)
== memory before
bool(true)
bool(true)
bool(true)
bool(true)
== file after 2s
bool(false)
bool(false)
string(1) "u"
string(1) "l"
long,unlimited
InvalidArgumentException: Lifetime -1 is negative: use null for the default, 0 for unlimited or a number of seconds
bool(false)
InvalidArgumentException: Lifetime -5 is negative: use null for the default, 0 for unlimited or a number of seconds
== memory after 2s
bool(false)
bool(false)
string(1) "u"
string(1) "l"
long,unlimited
InvalidArgumentException: Lifetime -1 is negative: use null for the default, 0 for unlimited or a number of seconds
bool(false)
InvalidArgumentException: Lifetime -5 is negative: use null for the default, 0 for unlimited or a number of seconds
== defaultLifetime option checks
InvalidArgumentException: FileBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got int "-1"
InvalidArgumentException: TransientMemoryBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got string "soon"
