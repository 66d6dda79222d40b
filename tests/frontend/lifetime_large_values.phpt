--TEST--
Frontend: large lifetimes (2^33, 2^40 s) keep the entry; a lifetime whose expiry overflows is InvalidArgumentException, never "already expired"
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
    'file' => new VariableFrontend('big_f', new FileBackend(['cacheDirectory' => $dir])),
    'memory' => new VariableFrontend('big_m', new TransientMemoryBackend()),
];
foreach ($caches as $name => $cache) {
    foreach ([2 ** 31, 2 ** 33, 2 ** 40] as $lifetime) {
        $cache->set("e$lifetime", $lifetime, ['t'], $lifetime);
        if ($cache->get("e$lifetime") !== $lifetime) {
            echo "$name: lifetime $lifetime lost the entry\n";
        }
    }
    $e = tc_expect_exception(fn() => $cache->set('max', 1, [], PHP_INT_MAX));
    var_dump($e instanceof TagCache\InvalidArgumentException, $cache->has('max'), count($cache->getByTag('t')));
}
$e = tc_expect_exception(function () use ($dir) {
    $c = new VariableFrontend('big_d', new FileBackend(['cacheDirectory' => $dir, 'defaultLifetime' => PHP_INT_MAX]));
    $c->set('a', 1);
});
var_dump($e instanceof TagCache\InvalidArgumentException);
?>
--EXPECTF--
%s9223372036854775807%s
bool(true)
bool(false)
int(3)
%s9223372036854775807%s
bool(true)
bool(false)
int(3)
%s9223372036854775807%s
bool(true)
