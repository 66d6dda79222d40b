--TEST--
MemcachedBackend: forged items never kill the process nor block a tag: a compressed entry claiming a huge size (or not inflating) is a miss with a warning for get and has alike; a non-numeric tag counter reads as flushed, is replaced by the next write, and flushByTag on it works
--EXTENSIONS--
tagcache
memcached
--SKIPIF--
<?php require __DIR__ . '/memcached_helpers.inc'; tc_memcached_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/memcached_helpers.inc';
use TagCache\Backend\MemcachedBackend;
use TagCache\Frontend\StringFrontend;

$srv = tc_memcached_start();
$cache = new StringFrontend('Forged', new MemcachedBackend(['servers' => [$srv['address']], 'compression' => true]));
$raw = new Memcached();
$raw->addServer('127.0.0.1', $srv['port']);
$raw->setOption(Memcached::OPT_COMPRESSION, false);
$key = 'tc:default:Forged:e:big';

echo "== a compressed entry claiming a huge inflated size\n";
$cache->set('big', str_repeat('abcdefgh', 1000), ['t']);
$entry = $raw->get($key);
echo 'stored compressed: ', var_export(strlen($entry) < 8000, true), "\n";
// the header: "TCM1", kind, flags, generation (8 bytes), inflated size (8 bytes, little endian)
$forged = substr_replace($entry, pack('P', PHP_INT_MAX), 14, 8);
var_dump($raw->set($key, $forged));
var_dump($cache->get('big'));
var_dump($cache->has('big'));

echo "== a compressed payload that does not inflate (right size claimed)\n";
$cache->set('big', str_repeat('abcdefgh', 1000), ['t']);
$entry = $raw->get($key);
$payloadAt = strlen($entry) - 20;
$raw->set($key, substr_replace($entry, str_repeat("\xff", 8), $payloadAt, 8));
var_dump($cache->has('big'));
var_dump($cache->get('big'));
$cache->set('big', str_repeat('abcdefgh', 1000), ['t']);
var_dump($cache->has('big'), strlen($cache->get('big')));

echo "== a non-numeric tag counter\n";
$cache->set('a', 'A', ['blocked']);
var_dump($raw->set('tc:default:Forged:t:blocked', 'not a number'));
var_dump($cache->get('a'));
$cache->set('b', 'B', ['blocked']);
var_dump($cache->get('b'));
echo 'counter now numeric: ', var_export(ctype_digit($raw->get('tc:default:Forged:t:blocked')), true), "\n";
var_dump($raw->set('tc:default:Forged:t:blocked', 'garbage again'));
echo 'flushByTag on it: ', $cache->flushByTag('blocked'), "\n";
echo 'flushByTags on it and another: ', $cache->flushByTags(['blocked', 't']), "\n";
var_dump($cache->get('b'), $cache->get('big'));
$cache->set('c', 'C', ['blocked']);
var_dump($cache->get('c'));
echo 'flushByTag after repair: ', $cache->flushByTag('blocked'), "\n";
var_dump($cache->get('c'));
tc_memcached_stop($srv);
?>
--EXPECTF--
== a compressed entry claiming a huge inflated size
stored compressed: true
bool(true)

Warning: TagCache\Frontend\StringFrontend::get(): MemcachedBackend of cache "Forged": entry "big" is corrupt (compressed payload of %d bytes claims 9223372036854775807 bytes inflated) and reads as a miss in %s on line %d
bool(false)

Warning: TagCache\Frontend\%s::has(): MemcachedBackend of cache "Forged": entry "big" is corrupt (compressed payload of %d bytes claims 9223372036854775807 bytes inflated) and reads as a miss in %s on line %d
bool(false)
== a compressed payload that does not inflate (right size claimed)

Warning: TagCache\Frontend\%s::has(): MemcachedBackend of cache "Forged": entry "big" is corrupt (compressed payload does not inflate) and reads as a miss in %s on line %d
bool(false)

Warning: TagCache\Frontend\StringFrontend::get(): MemcachedBackend of cache "Forged": entry "big" is corrupt (compressed payload does not inflate) and reads as a miss in %s on line %d
bool(false)
bool(true)
int(8000)
== a non-numeric tag counter
bool(true)
bool(false)
string(1) "B"
counter now numeric: true
bool(true)
flushByTag on it: 0
flushByTags on it and another: 1
bool(false)
bool(false)
string(1) "C"
flushByTag after repair: 1
bool(false)
