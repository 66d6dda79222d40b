--TEST--
RedisBackend sentinels: a node the sentinel names that says ROLE slave is never written to; a primary demoted under a connection (READONLY) makes the backend ask the sentinels again and run the write on the new primary
--EXTENSIONS--
tagcache
--INI--
pcre.jit=0
--SKIPIF--
<?php require __DIR__ . '/topology_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/topology_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\BackendException;
use TagCache\Frontend\StringFrontend;

function attempt(callable $fn): void
{
    try {
        var_dump($fn());
    } catch (BackendException $e) {
        echo get_class($e), ': ', preg_replace('/\d{4,5}/', 'N', $e->getMessage()), "\n";
    }
}

$a = tc_redis_start();
$b = tc_redis_start();
tc_redis_cmd($b, 'REPLICAOF', '127.0.0.1', (string)$a['port']);
$answer = tc_tmpdir('answer') . '/master';
$sentinel = tc_fake_sentinel($answer);

// a sentinel whose answer is no address: reported, naming it
file_put_contents($answer, "127.0.0.1 x");
attempt(fn() => (new StringFrontend('bad', new RedisBackend(['sentinels' => ["127.0.0.1:$sentinel"], 'sentinelService' => 'm'])))->get('x'));

foreach ([false, true] as $persistent) {
    echo "persistent: ", var_export($persistent, true), "\n";
    // the sentinel names the replica: refused, never written to
    file_put_contents($answer, "127.0.0.1 {$b['port']}");
    $f = new StringFrontend("c$persistent", new RedisBackend(['sentinels' => ["127.0.0.1:$sentinel"], 'sentinelService' => 'm', 'persistent' => $persistent]));
    attempt(fn() => $f->set('x', 'one'));
    // the sentinel names the primary: used
    file_put_contents($answer, "127.0.0.1 {$a['port']}");
    $f->set('x', 'one');
    var_dump($f->get('x'));

    // failover: $a becomes a replica of $b, the sentinel names $b; the next write meets
    // READONLY on the open connection (it did not run), asks again and lands on $b
    tc_redis_cmd($b, 'REPLICAOF', 'NO', 'ONE');
    tc_redis_cmd($a, 'REPLICAOF', '127.0.0.1', (string)$b['port']);
    file_put_contents($answer, "127.0.0.1 {$b['port']}");
    $f->set('y', 'two');
    var_dump($f->get('y'), tc_redis_cmd($b, 'HGET', "{tagcache:default:c$persistent}:e:y", 'd'));

    // and back, for the next round
    tc_redis_cmd($a, 'REPLICAOF', 'NO', 'ONE');
    tc_redis_cmd($b, 'REPLICAOF', '127.0.0.1', (string)$a['port']);
}
?>
--EXPECT--
TagCache\BackendException: Redis Sentinel: no sentinel named the primary of service "m" (sentinels tried: 127.0.0.1:N; last: 127.0.0.1:N answered no valid "host", "port" pair)
persistent: false
TagCache\BackendException: Redis at 127.0.0.1:N: not the primary of service "m" (ROLE: slave)
string(3) "one"
string(3) "two"
string(3) "two"
persistent: true
TagCache\BackendException: Redis at 127.0.0.1:N: not the primary of service "m" (ROLE: slave)
string(3) "one"
string(3) "two"
string(3) "two"