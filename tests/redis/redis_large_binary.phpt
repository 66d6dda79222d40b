--TEST--
RedisBackend: a 1 MB binary value and binary-safe content round-trip, with and without compression
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;

$srv = tc_redis_start();
$value = tc_random()->getBytes(1 << 20) . "\0\r\n" . implode('', array_map('chr', range(0, 255)));
foreach ([0, 9] as $level) {
    $cache = new StringFrontend("Big$level", new RedisBackend(['port' => $srv['port'], 'compressionLevel' => $level]));
    $cache->set('blob', $value, ['b']);
    var_dump($cache->get('blob') === $value, $cache->getByTag('b')['blob'] === $value);
}
$cache = new StringFrontend('Zip', new RedisBackend(['port' => $srv['port'], 'compressionLevel' => 9]));
$text = str_repeat('all work and no play ', 50000);
$cache->set('text', $text);
$stored = tc_redis_cmd($srv, 'HGET', '{tagcache:default:Zip}:e:text', 'd');
var_dump(strlen($stored) < strlen($text) / 10, $cache->get('text') === $text);
?>
--EXPECTF--
seed: %d (replay with TAGCACHE_SEED=%d)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
