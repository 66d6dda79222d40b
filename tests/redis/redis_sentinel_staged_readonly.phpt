--TEST--
RedisBackend, sentinels: after a manual failover (REPLICAOF under the open connection, which stays open), a large entry (staged set, MULTI ... EXEC) meets READONLY on a queued write and EXECABORT; nothing ran, so the link asks the sentinels again and sends it to the new primary, as a small set does
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/topology_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/topology_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;
$a = tc_redis_start();
$b = tc_redis_start();
tc_redis_cmd($b, 'REPLICAOF', '127.0.0.1', (string)$a['port']);
$dir = tc_tmpdir('answer');
register_shutdown_function(fn() => tc_rmdir($dir));
$answer = "$dir/master";
$sentinel = tc_fake_sentinel($answer);
file_put_contents($answer, "127.0.0.1 {$a['port']}");
foreach ([false, true] as $persistent) {
    echo $persistent ? "persistent\n" : "own connection\n";
    $f = new StringFrontend($persistent ? 'p' : 'c', new RedisBackend(['sentinels' => ["127.0.0.1:$sentinel"],
        'sentinelService' => 'm', 'persistent' => $persistent]));
    $f->set('x', 'one');
    // failover as in redis_sentinel_failover.phpt, one way then back
    [$old, $new] = $persistent ? [$b, $a] : [$a, $b];
    tc_redis_cmd($new, 'REPLICAOF', 'NO', 'ONE');
    tc_redis_cmd($old, 'REPLICAOF', '127.0.0.1', (string)$new['port']);
    file_put_contents($answer, "127.0.0.1 {$new['port']}");
    $big = str_repeat('B', 40000);
    foreach ([1, 2] as $i) {
        try {
            $f->set("big$i", $big);
            echo "big set $i: ok\n";
        } catch (Throwable $e) {
            echo "big set $i threw: ", preg_replace('/\d{4,5}/', 'N', $e->getMessage()), "\n";
        }
    }
    var_dump($f->get('big1') === $big);
    echo "written on the new primary: ", tc_redis_cmd($new, 'ROLE')[0], "\n";
}
?>
--EXPECT--
own connection
big set 1: ok
big set 2: ok
bool(true)
written on the new primary: master
persistent
big set 1: ok
big set 2: ok
bool(true)
written on the new primary: master
