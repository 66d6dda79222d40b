--TEST--
Hostile userland, RedisBackend against a private redis-server: clone, serialize, crafted unserialize(), subclasses without or with a failing parent constructor (their default 127.0.0.1:6379 is held closed by the test), every method with plausible and edge arguments, reference cycles; only returns and Throwables
--EXTENSIONS--
tagcache
sockets
--SKIPIF--
<?php
require __DIR__ . '/../redis_helpers.inc';
tc_redis_skipif();
$guard = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
if (!@socket_bind($guard, '127.0.0.1', 6379)) {
    die('skip 127.0.0.1:6379 is in use: an unconstructed RedisBackend would reach that server');
}
?>
--INI--
zend.exception_ignore_args=1
--FILE--
<?php
require __DIR__ . '/hostile.inc';
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;

// A RedisBackend that never ran its constructor uses the defaults, 127.0.0.1:6379. Bound but
// not listening, this socket keeps that port ours and closed: such calls are refused at once and
// never reach a server the test did not start.
$guard = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
if (!socket_bind($guard, '127.0.0.1', 6379)) {
    exit("127.0.0.1:6379 was taken after the skip check\n");
}
$srv = tc_redis_start();
$redis = ['port' => $srv['port'], 'connectTimeout' => 1.0, 'readTimeout' => 2.0, 'applicationIdentifier' => 'hostile'];
$n = 0;
$bind = function ($b) use (&$n) { new VariableFrontend('hr' . (++$n), $b); return $b; };
$specs = [
    RedisBackend::class => [
        'make' => function () use ($bind, $redis) { $b = $bind(new RedisBackend($redis)); $b->set('seed', 'x', ['t1']); return $b; },
        'ctor' => [$redis], 'badCtor' => [['port' => 70000]],
        'args' => ['set' => ['h1', 'data', ['t1'], 60]],
    ],
];
$h = new Hostile($specs);
$h->run();
$h->randomWalk(60);
var_dump(tc_redis_cmd($srv, 'PING'));
echo "done\n";
?>
--EXPECTF--
RedisBackend
  reconstruct: 28 returned, 12 threw (Error 2, TC\InvalidArgumentException 8, TypeError 2)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      21 returned, 56 threw (TC\InvalidArgumentException 8, TC\NotSupportedByBackendException 44, TypeError 4)
  failedctor:  16 returned, 43 threw (TC\InvalidArgumentException 5, TC\NotSupportedByBackendException 35, TypeError 3)
  cycles:      collected; 18 returned, 1 threw (TypeError 1)
random walk: seed %d (replay with TAGCACHE_HOSTILE_SEED=%d)
random walk: 60 calls, each ended in a return or a Throwable
string(4) "PONG"
done