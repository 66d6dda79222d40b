--TEST--
MemcachedBackend: set/get/has/remove, tags, flushByTag(s) counts, lifetimes (as memcached keeps them), flush isolation between caches and applications, binary data, values near and over the item size limit, PHP entries, the CacheManager
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/memcached_helpers.inc'; tc_memcached_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/memcached_helpers.inc';
use TagCache\Backend\MemcachedBackend;
use TagCache\CacheManager;
use TagCache\Frontend\PhpFrontend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

$srv = tc_memcached_start();
$servers = [$srv['address']];
$backend = new MemcachedBackend(['servers' => $servers, 'applicationIdentifier' => 'app']);
$cache = new VariableFrontend('Pages', $backend);
echo get_class($backend), ' taggable: ', var_export($backend instanceof TagCache\Backend\TaggableBackendInterface, true),
     ', iterable: ', var_export($backend instanceof TagCache\Backend\IterableBackendInterface, true),
     ', freezable: ', var_export($backend instanceof TagCache\Backend\FreezableBackendInterface, true), "\n";

echo "== set/get/has/remove\n";
$cache->set('a', ['x' => 1], ['t1', 't2']);
$cache->set('b', false, ['t2', 't2']);
$cache->set('c', "bin\0ary", []);
var_dump($cache->get('a'), $cache->get('b'), $cache->has('b'), $cache->get('c') === "bin\0ary", $cache->get('none'), $cache->has('none'));
$ids = $backend->findIdentifiersByTag('t2');
sort($ids);
echo 't2: ', implode(',', $ids), "\n";
$byTag = $cache->getByTag('t2');
ksort($byTag);
echo 'getByTag t2: ', implode(',', array_keys($byTag)), "\n";
var_dump($cache->remove('c'), $cache->remove('c'), $cache->has('c'));

echo "== flushByTag(s)\n";
$cache->set('d', 'd', ['t3']);
echo 'flushByTags t1,t2: ', $cache->flushByTags(['t1', 't2']), "\n";
var_dump($cache->has('a'), $cache->has('b'), $cache->get('d'));
echo 'again: ', $cache->flushByTags(['t1', 't2']), ', unknown tag: ', $cache->flushByTag('nope'), "\n";
echo 't2 after: ', count($backend->findIdentifiersByTag('t2')), "\n";
// re-set with other tags: the old tag no longer lists or flushes it
$cache->set('e', 1, ['old']);
$cache->set('e', 2, ['new']);
echo 'old: ', json_encode($backend->findIdentifiersByTag('old')), ' new: ', json_encode($backend->findIdentifiersByTag('new')), "\n";
echo 'flush old: ', $cache->flushByTag('old'), ' e: ', $cache->get('e'), "\n";
// a tagged entry set after its tag was flushed is live
$cache->set('a', 'again', ['t1']);
var_dump($cache->get('a'));

echo "== lifetimes (the TTL memcached keeps)\n";
function ttl(array $srv, string $key): string
{
    $r = tc_memcached_cmd($srv, "mg $key t");
    return preg_match('/ t(-?\d+)/', $r[0], $m) ? ($m[1] === '-1' ? 'unlimited' : ($m[1] > 0 ? 'about ' . round($m[1], -2) : $m[1])) : $r[0];
}
$cache->set('l-default', 1);
$cache->set('l-0', 1, [], 0);
$cache->set('l-100', 1, [], 100);
$cache->set('l-60d', 1, [], 86400 * 60);
$cache->set('l-max', 1, [], PHP_INT_MAX);
foreach (['l-default', 'l-0', 'l-100', 'l-60d', 'l-max'] as $id) {
    echo "$id: ", ttl($srv, "tc:app:Pages:e:$id"), "\n";
}
$short = new VariableFrontend('Short', new MemcachedBackend(['servers' => $servers, 'defaultLifetime' => 5000]));
$short->set('x', 1);
echo 'defaultLifetime 5000: ', ttl($srv, 'tc:default:Short:e:x'), "\n";
tc_expect_exception(fn() => $cache->set('neg', 1, [], -1));

echo "== isolation\n";
$other = new VariableFrontend('Other', new MemcachedBackend(['servers' => $servers, 'applicationIdentifier' => 'app']));
$app2 = new VariableFrontend('Pages', new MemcachedBackend(['servers' => $servers, 'applicationIdentifier' => 'app2']));
$other->set('a', 'other a', ['t1']);
$app2->set('a', 'app2 a', ['t1']);
tc_memcached_cmd($srv, "set foreign 0 0 3\r\nabc");
$cache->flush();
var_dump($cache->get('a'), $cache->get('d'), $other->get('a'), $app2->get('a'));
echo 'flushByTag t1 in Other: ', $other->flushByTag('t1'), "\n";
var_dump($other->get('a'), $app2->get('a'), tc_memcached_cmd($srv, 'get foreign')[1]);
$cache->set('after-flush', 'ok');
var_dump($cache->get('after-flush'));

echo "== binary\n";
$strings = new StringFrontend('Strings', new MemcachedBackend(['servers' => $servers]));
$all = '';
for ($i = 0; $i < 256; $i++) {
    $all .= chr($i);
}
$strings->set('all', $all . $all);
var_dump($strings->get('all') === $all . $all);
$strings->set('empty', '');
var_dump($strings->get('empty'));

echo "== long identifiers and tags (hashed keys)\n";
$long = str_repeat('L', 250);
$longTag = str_repeat('T', 250);
$strings->set($long, 'long', [$longTag]);
var_dump($strings->get($long), $strings->getBackend()->findIdentifiersByTag($longTag) === [$long]);
echo 'flush long tag: ', $strings->flushByTag($longTag), "\n";
var_dump($strings->get($long));
$lc = new StringFrontend(str_repeat('C', 250), new MemcachedBackend(['servers' => $servers, 'applicationIdentifier' => str_repeat('A', 250)]));
$lc->set($long, 'long cache', [$longTag]);
var_dump($lc->get($long), $lc->flushByTag($longTag), $lc->get($long));

echo "== size limit\n";
$near = random_bytes(1024 * 1024 - 600);
$strings->set('near', $near);
var_dump($strings->get('near') === $near);
tc_expect_exception(fn() => $strings->set('over', random_bytes(1024 * 1024 + 1)));
var_dump($strings->get('over'));
$zipped = new StringFrontend('Zipped', new MemcachedBackend(['servers' => $servers, 'compression' => true]));
$big = str_repeat('compressible ', 200000);
$zipped->set('big', $big, ['z']);
var_dump($zipped->get('big') === $big, $zipped->getByTag('z') === ['big' => $big]);
$zipped->set('small', 'tiny');
var_dump($zipped->get('small'));

echo "== PHP entries\n";
$code = new PhpFrontend('Code', new MemcachedBackend(['servers' => $servers]));
$code->set('answer', '$GLOBALS["runs"] = ($GLOBALS["runs"] ?? 0) + 1; return 6 * 7;', ['code']);
var_dump($code->requireOnce('answer'), $code->requireOnce('answer'), $GLOBALS['runs'], $code->requireOnce('missing'));
echo 'flush code: ', $code->flushByTag('code'), "\n";
var_dump($code->requireOnce('answer'), $code->has('answer'));

echo "== CacheManager\n";
$config = ['Default' => ['backend' => 'MemcachedBackend', 'backendOptions' => ['servers' => $servers]],
           'Pages' => [], 'Other' => ['frontend' => 'StringFrontend', 'backendOptions' => ['servers' => $servers, 'compression' => true]]];
$m1 = new CacheManager($config, ['applicationIdentifier' => 'm1']);
$m2 = new CacheManager($config, ['applicationIdentifier' => 'm2']);
$m1->getCache('Pages')->set('p', ['page', 1], ['page']);
$m1->getCache('Other')->set('p', 'other', ['page']);
$m2->getCache('Pages')->set('p', 'm2 page', ['page']);
echo get_class($m1->getCache('Pages')->getBackend()), "\n";
echo 'm1 flushCachesByTag(page): ', $m1->flushCachesByTag('page'), "\n";
var_dump($m1->getCache('Pages')->get('p'), $m1->getCache('Other')->get('p'), $m2->getCache('Pages')->get('p'));
$m2->flushCaches();
var_dump($m2->getCache('Pages')->has('p'));
$backend->collectGarbage();
echo "done\n";
?>
--EXPECTF--
TagCache\Backend\MemcachedBackend taggable: true, iterable: false, freezable: false
== set/get/has/remove
array(1) {
  ["x"]=>
  int(1)
}
bool(false)
bool(true)
bool(true)
bool(false)
bool(false)
t2: a,b
getByTag t2: a,b
bool(true)
bool(false)
bool(false)
== flushByTag(s)
flushByTags t1,t2: 2
bool(false)
bool(false)
string(1) "d"
again: 0, unknown tag: 0
t2 after: 0
old: [] new: ["e"]
flush old: 0 e: 2
string(5) "again"
== lifetimes (the TTL memcached keeps)
l-default: about 3600
l-0: unlimited
l-100: about 100
l-60d: about 5184000
l-max: unlimited
defaultLifetime 5000: about 5000
InvalidArgumentException: Lifetime -1 is negative: use null for the default, 0 for unlimited or a number of seconds
== isolation
bool(false)
bool(false)
string(7) "other a"
string(6) "app2 a"
flushByTag t1 in Other: 1
bool(false)
string(6) "app2 a"
string(3) "abc"
string(2) "ok"
== binary
bool(true)
string(0) ""
== long identifiers and tags (hashed keys)
string(4) "long"
bool(true)
flush long tag: 1
bool(false)
string(10) "long cache"
int(1)
bool(false)
== size limit
bool(true)
InvalidArgumentException: MemcachedBackend: entry "over" is too large for memcached server 127.0.0.1:%d: its item is 1048606 bytes of value (1048577 bytes of data plus the entry's header) and memcached's limit (item_size_max 1048576 bytes, memcached -I) applies to key, value and memcached's own per-item overhead together: store smaller values, enable compression or raise -I
bool(false)
bool(true)
bool(true)
string(4) "tiny"
== PHP entries
int(42)
bool(true)
int(1)
bool(false)
flush code: 1
bool(false)
bool(false)
== CacheManager
TagCache\Backend\MemcachedBackend
m1 flushCachesByTag(page): 2
bool(false)
bool(false)
string(7) "m2 page"
bool(false)
done