--TEST--
RedisBackend sentinels: the primary a real sentinel names is used (sentinelPassword for the sentinel); an unknown service, a wrong sentinel password and unreachable sentinels are BackendExceptions naming the service and the sentinels tried
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

$primary = tc_redis_start(['requirepass pw']);
$sentinel = tc_sentinel_start($primary, 'mymaster', ['sentinel auth-pass mymaster pw', 'requirepass spw']);
$down = tc_free_port();
$options = ['sentinels' => ["127.0.0.1:$down", "127.0.0.1:{$sentinel['port']}"], 'sentinelService' => 'mymaster',
            'sentinelPassword' => 'spw', 'password' => 'pw', 'connectTimeout' => 0.5];
foreach ([false, true] as $persistent) {
    $f = new StringFrontend("c$persistent", new RedisBackend($options + ['persistent' => $persistent]));
    $f->set('x', 'stored through the sentinel', ['t']);
    var_dump($f->get('x'), tc_redis_cmd($primary, 'HGET', "{tagcache:default:c$persistent}:e:x", 'd'));
}

attempt(fn() => (new StringFrontend('c', new RedisBackend(['sentinelService' => 'nosuch'] + $options)))->get('x'));
attempt(fn() => (new StringFrontend('c', new RedisBackend(['sentinelPassword' => 'wrong'] + $options)))->get('x'));
attempt(fn() => (new StringFrontend('c', new RedisBackend(['sentinels' => ["127.0.0.1:$down"]] + $options)))->get('x'));
?>
--EXPECT--
string(27) "stored through the sentinel"
string(27) "stored through the sentinel"
string(27) "stored through the sentinel"
string(27) "stored through the sentinel"
TagCache\BackendException: Redis Sentinel: no sentinel named the primary of service "nosuch" (sentinels tried: 127.0.0.1:N, 127.0.0.1:N; last: 127.0.0.1:N does not know service "nosuch")
TagCache\BackendException: Redis Sentinel: no sentinel named the primary of service "mymaster" (sentinels tried: 127.0.0.1:N, 127.0.0.1:N; last: Redis at 127.0.0.1:N: AUTH failed: WRONGPASS invalid username-password pair or user is disabled.)
TagCache\BackendException: Redis Sentinel: no sentinel named the primary of service "mymaster" (sentinels tried: 127.0.0.1:N; last: Redis at 127.0.0.1:N: Connection refused)