--TEST--
RedisBackend: persistent backends to the same server share one connection; non-persistent ones each open their own
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
$clients = function () use ($srv): int {
    // CLIENT LIST names every connection, the test's own included
    return substr_count(tc_redis_cmd($srv, 'CLIENT', 'LIST'), "\n");
};
$base = $clients();

$kept = [];
foreach (['P1', 'P2', 'P3'] as $id) {
    $kept[$id] = new StringFrontend($id, new RedisBackend(['port' => $srv['port'], 'persistent' => true]));
    $kept[$id]->set('k', $id);
}
var_dump($clients() - $base);
unset($kept);
var_dump($clients() - $base);                 // still open for the next request of this process

$own = [];
foreach (['N1', 'N2'] as $id) {
    $own[$id] = new StringFrontend($id, new RedisBackend(['port' => $srv['port']]));
    $own[$id]->set('k', $id);
}
var_dump($clients() - $base);
unset($own);
usleep(100000);
var_dump($clients() - $base);                 // closed with their backends
$again = new StringFrontend('P1', new RedisBackend(['port' => $srv['port'], 'persistent' => true]));
var_dump($again->get('k'), $clients() - $base);
?>
--EXPECT--
int(1)
int(1)
int(3)
int(1)
string(2) "P1"
int(1)
