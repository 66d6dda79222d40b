--TEST--
MemcachedBackend: the commands each operation sends (through a recording proxy): set in 2 round trips (3 when a counter must be created), index lines unanswered, get in 1 (untagged) or 2, flushByTags one answered increment; a missing counter or tag list is created again
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/memcached_helpers.inc'; tc_memcached_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/memcached_helpers.inc';
use TagCache\Backend\MemcachedBackend;
use TagCache\Frontend\VariableFrontend;

$srv = tc_memcached_start();
$log = "{$srv['dir']}/proxy.log";
// the proxy plays a concurrent writer that creates the counter of tag "race" first
$proxy = proc_open([PHP_BINARY, '-n', __DIR__ . '/memcached_proxy.inc', (string)$srv['port'], $log, 'tc:rt:Trips:t:race', '42'],
                   [['pipe', 'r'], ['pipe', 'w'], ['file', "{$srv['dir']}/proxy.err", 'a']], $pipes);
$proxyPid = proc_get_status($proxy)['pid'];
register_shutdown_function(function () use ($proxy, $proxyPid, $pipes) {
    posix_kill($proxyPid, 9);
    fclose($pipes[0]);
    fclose($pipes[1]);
    proc_close($proxy);
});
$port = (int)fgets($pipes[1]); // the proxy listens once it printed its port
$backend = new MemcachedBackend(['servers' => ["127.0.0.1:$port"], 'applicationIdentifier' => 'rt']);
$cache = new VariableFrontend('Trips', $backend);

/* The commands sent since the last call, as "verb[key kinds]" ("~": unanswered), up to a marker
 * read whose answer proves the proxy logged everything before it. */
$pos = 0;
function sent(): string
{
    global $backend, $log, $pos;
    $backend->has('zzmark');
    $bytes = file_get_contents($log);
    $out = [];
    $answered = 0;
    while (($nl = strpos($bytes, "\r\n", $pos)) !== false) {
        $w = explode(' ', substr($bytes, $pos, $nl - $pos));
        $pos = $nl + 2;
        if (in_array($w[0], ['set', 'add', 'append'], true)) {
            $pos += (int)$w[4] + 2;
        }
        if ($w[0] === 'get' && str_ends_with($w[1], ':e:zzmark')) {
            break;
        }
        $keys = $w[0] === 'get' ? array_slice($w, 1) : [$w[1]];
        $noreply = end($w) === 'noreply';
        $answered += !$noreply;
        $out[] = $w[0] . ($noreply ? '~' : '') . '[' . implode(',', array_map(fn ($k) => explode(':', $k)[3], $keys)) . ']';
    }
    return "$answered answered: " . implode(' ', $out);
}
sent();

$cache->set('a', 'A', ['t1', 't2', 't3']);
echo "set, counters missing: ", sent(), "\n";
$cache->set('b', 'B', ['t1', 't2', 't3']);
echo "set: ", sent(), "\n";
$cache->set('u', 'U');
echo "set untagged: ", sent(), "\n";
echo "get tagged: ", $cache->get('b'), ' ', sent(), "\n";
echo "get untagged: ", $cache->get('u'), ' ', sent(), "\n";
echo "get miss: ", var_export($cache->get('nope'), true), ' ', sent(), "\n";
echo "flushByTags: ", $cache->flushByTags(['t2', 't3']), ' ', sent(), "\n";
echo "after: ", var_export($cache->get('a'), true), ' ', var_export($cache->get('u'), true), "\n";
sent();
$cache->flush();
echo "flush: ", sent(), "\n";
var_dump($cache->get('u'));

// a counter and a tag list gone (evicted): the next set creates both again, the entry is a hit
// with the counter's real value, and the list knows it
tc_memcached_cmd($srv, 'delete tc:rt:Trips:t:t9');
$cache->set('c', 'C', ['t9']);
// an answered request on the same connection: memcached runs a connection's commands in order,
// so the set's unanswered list lines are done before this test's own connection touches them
$cache->has('c');
$version = (int)tc_memcached_cmd($srv, 'get tc:rt:Trips:t:t9')[1];
echo tc_memcached_cmd($srv, sprintf('delete tc:rt:Trips:i:t9:%016x', $version))[0], "\n";
$cache->set('d', 'D', ['t9']);
var_dump($cache->get('c'), $cache->get('d'), $backend->findIdentifiersByTag('t9'));
tc_memcached_cmd($srv, 'delete tc:rt:Trips:t:t9');
$other = new VariableFrontend('Trips', new MemcachedBackend(['servers' => [$srv['address']], 'applicationIdentifier' => 'rt']));
$other->set('e', 'E', ['t9']);
$cache->set('f', 'F', ['t9']);
var_dump($cache->get('e'), $other->get('f'), $cache->get('c'));

// a counter created by someone else between this set's read and its add: the entry stores the
// value the counter really has, so it is a hit, here and for any other client
$cache->set('r', 'R', ['race']);
var_dump(tc_memcached_cmd($srv, 'get tc:rt:Trips:t:race')[1], $cache->get('r'), $other->get('r'));
echo $other->flushByTag('race'), ' ', var_export($cache->get('r'), true), "\n";
?>
--EXPECT--
set, counters missing: 3 answered: get[g,t,t,t] add~[g] add~[t] add~[t] add~[t] get[g,t,t,t] set[e] add~[i] append~[i] add~[i] append~[i] add~[i] append~[i]
set: 2 answered: get[g,t,t,t] set[e] add~[i] append~[i] add~[i] append~[i] add~[i] append~[i]
set untagged: 2 answered: get[g] set[e]
get tagged: B 2 answered: get[e,g] get[t,t,t]
get untagged: U 1 answered: get[e,g]
get miss: false 1 answered: get[e,g]
flushByTags: 2 5 answered: get[t,t] get[i,i] get[e,e,g] get[t,t,t] incr~[t] incr[t]
after: false 'U'
flush: 1 answered: incr[g]
bool(false)
DELETED
string(1) "C"
string(1) "D"
array(1) {
  [0]=>
  string(1) "d"
}
string(1) "E"
string(1) "F"
bool(false)
string(2) "42"
string(1) "R"
string(1) "R"
1 false
