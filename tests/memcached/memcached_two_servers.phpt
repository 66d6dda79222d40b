--TEST--
MemcachedBackend with two servers: entries spread by consistent hashing; one server stopped gives clear errors for its entries and no stale read anywhere; a server cut off makes flushByTag fail there until repeated; a server out of the list misses a flush until flushed again; a restarted (empty) server works again with misses
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/memcached_helpers.inc'; tc_memcached_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/memcached_helpers.inc';
use TagCache\Backend\MemcachedBackend;
use TagCache\Frontend\StringFrontend;

$a = tc_memcached_start();
$b = tc_memcached_start();
$options = ['servers' => [$a['address'], $b['address']], 'connectTimeout' => 0.5, 'readTimeout' => 0.5];
$cache = new StringFrontend('Two', new MemcachedBackend($options));

/** Which server holds the entry (by looking at the raw keys). */
function where(array $a, array $b, string $id, string $cache = 'Two'): string
{
    $on = [];
    foreach (['A' => $a, 'B' => $b] as $name => $srv) {
        if (tc_memcached_cmd($srv, "mg tc:default:$cache:e:$id")[0] === 'HD') {
            $on[] = $name;
        }
    }
    return implode('', $on);
}
$on = ['A' => [], 'B' => []];
for ($i = 0; $i < 40; $i++) {
    $cache->set("k$i", "v$i", ['all', 'g' . ($i % 2)]);
    $on[where($a, $b, "k$i")][] = "k$i";
}
echo 'every entry on exactly one server: ', var_export(count($on['A']) + count($on['B']) === 40, true), "\n";
echo 'both servers used: ', var_export($on['A'] && $on['B'], true), "\n";
// the same placement from another backend object (a second process would agree)
$again = new StringFrontend('Two', new MemcachedBackend($options));
$ok = true;
foreach ($on['B'] as $id) {
    $ok = $ok && $again->get($id) === 'v' . substr($id, 1);
}
echo 'placement stable: ', var_export($ok, true), "\n";
$ids = $cache->getBackend()->findIdentifiersByTag('all');
echo 'findIdentifiersByTag over both: ', count($ids), "\n";
echo 'flushByTag g0 over both: ', $cache->flushByTag('g0'), "\n";
$live = 0;
foreach ([...$on['A'], ...$on['B']] as $id) {
    $live += $cache->get($id) !== false;
}
echo "live after: $live\n";

echo "== B stopped\n";
tc_memcached_stop($b);
$readA = $errB = 0;
$msg = '';
foreach ($on['A'] as $id) {
    $readA += $cache->get($id) === (substr($id, 1) % 2 ? 'v' . substr($id, 1) : false) ? 1 : 0;
}
foreach ($on['B'] as $id) {
    try {
        $cache->get($id);
    } catch (TagCache\BackendException $e) {
        $errB++;
        $msg = $e->getMessage();
    }
}
echo 'A entries read as before: ', var_export($readA === count($on['A']), true), ', B entries errors: ',
     var_export($errB === count($on['B']), true), ', names B: ', var_export(str_contains($msg, $b['address']), true), "\n";
$e = tc_expect_exception(fn() => $cache->flushByTag('g1'));
echo 'flushByTag with B down names B: ', var_export(str_contains($e->getMessage(), $b['address']), true), "\n";
$stale = 0;
foreach ($on['A'] as $id) {
    $stale += $cache->get($id) !== false;
}
echo "A entries of g1 still readable: $stale\n";

echo "== B restarted (empty)\n";
$b = tc_memcached_restart($b);
$stale = 0;
foreach ($on['B'] as $id) {
    $stale += $cache->get($id) !== false;
}
echo "B entries readable: $stale\n";
$cache->set($on['B'][0], 'new', ['all']);
var_dump($cache->get($on['B'][0]));

echo "== A cut off (its connection lost, its data kept): flushByTag fails there, repeating it finishes it\n";
/** Starts the recording proxy in front of $srv (on $port when given); returns [proc, pid, port]. */
function proxy(array $srv, int $port = 0): array
{
    $p = proc_open([PHP_BINARY, '-n', __DIR__ . '/memcached_proxy.inc', (string)$srv['port'], "{$srv['dir']}/proxy.log"],
                   [['pipe', 'r'], ['pipe', 'w'], ['file', "{$srv['dir']}/proxy.err", 'a']], $pipes,
                   null, ['TC_PROXY_PORT' => (string)$port]);
    $pid = proc_get_status($p)['pid'];
    register_shutdown_function(fn() => is_resource($p) && posix_kill($pid, 9) && proc_close($p));
    return [$p, $pid, (int)fgets($pipes[1])]; // it listens once it printed its port
}
[$proc, $pid, $port] = proxy($a);
$cut = new StringFrontend('Cut', new MemcachedBackend(['servers' => ["127.0.0.1:$port", $b['address']],
                                                        'connectTimeout' => 0.5, 'readTimeout' => 0.5]));
$onA = $onB = null;
for ($i = 0; $i < 40 && (!$onA || !$onB); $i++) {
    $cut->set("c$i", "c$i", ['p']);
    where($a, $b, "c$i", 'Cut') === 'A' ? $onA ??= "c$i" : $onB ??= "c$i";
}
$cut->get($onA); // the connection to the proxy is open
posix_kill($pid, 9);
proc_close($proc);
$e = tc_expect_exception(fn() => $cut->flushByTag('p'));
echo 'names A (through the proxy): ', var_export(str_contains($e->getMessage(), "127.0.0.1:$port"), true), "\n";
[$proc, $pid] = proxy($a, $port);
echo 'B flushed: ', var_export($cut->get($onB) === false, true), ', A not yet: ', var_export($cut->get($onA), true), "\n";
echo 'repeated, flushes what A still had: ', var_export($cut->flushByTag('p') > 0, true), "\n";
var_dump($cut->get($onA), $cut->get($onB));

echo "== a server out of the list misses a flush: its entries come back with it; flushing again removes them\n";
$ab = new StringFrontend('Back', new MemcachedBackend(['servers' => [$a['address'], $b['address']]]));
$back = [];
for ($i = 0; $i < 20; $i++) {
    $ab->set("r$i", "r$i");
    if (where($a, $b, "r$i", 'Back') === 'B') {
        $back[] = "r$i";
    }
}
$aOnly = new StringFrontend('Back', new MemcachedBackend(['servers' => [$a['address']]]));
$aOnly->flush();
$live = ['A' => 0, 'B' => 0];
for ($i = 0; $i < 20; $i++) {
    $live[in_array("r$i", $back, true) ? 'B' : 'A'] += $ab->get("r$i") !== false;
}
echo 'B back in the list: its ', count($back), ' entries live again: ', var_export($live['B'] === count($back) && $back, true),
     ', A entries: ', $live['A'], "\n";
// the same entry live on both servers (written on A while B was out of the list): listed once
$dup = $back[0];
$ab->set($dup, 'on B', ['dup']);
$aOnly->set($dup, 'on A', ['dup']);
echo 'findIdentifiersByTag over both lists it once: ', var_export($ab->getBackend()->findIdentifiersByTag('dup') === [$dup], true), "\n";
$ab->flush();
$live = 0;
for ($i = 0; $i < 20; $i++) {
    $live += $ab->get("r$i") !== false;
}
echo "after flushing with B listed: $live live\n";

echo "== a non-numeric tag counter on both servers: flushes work, the next write repairs it\n";
for ($i = 0; $i < 10; $i++) {
    $ab->set("g$i", "g$i", ['x', 'y']);
}
foreach ([$a, $b] as $srv) {
    tc_memcached_cmd($srv, "set tc:default:Back:t:x 0 0 3\r\nabc");
}
echo 'flushByTags: ', $ab->flushByTags(['x', 'y']), ', flushByTag: ', $ab->flushByTag('x'), "\n";
for ($i = 0; $i < 10; $i++) {
    $ab->set("g$i", "g$i", ['x']);
}
echo $ab->get('g3'), ', flushByTag after repair: ', $ab->flushByTag('x'), ', then: ', var_export($ab->get('g3'), true), "\n";
?>
--EXPECTF--
every entry on exactly one server: true
both servers used: true
placement stable: true
findIdentifiersByTag over both: 40
flushByTag g0 over both: 20
live after: 20
== B stopped
A entries read as before: true, B entries errors: true, names B: true
BackendException: MemcachedBackend: %s on memcached server 127.0.0.1:%d failed: %s
flushByTag with B down names B: true
A entries of g1 still readable: 0
== B restarted (empty)
B entries readable: 0
string(3) "new"
== A cut off (its connection lost, its data kept): flushByTag fails there, repeating it finishes it
BackendException: MemcachedBackend: %s
names A (through the proxy): true
B flushed: true, A not yet: 'c%d'
repeated, flushes what A still had: true
bool(false)
bool(false)
== a server out of the list misses a flush: its entries come back with it; flushing again removes them
B back in the list: its %d entries live again: true, A entries: 0
findIdentifiersByTag over both lists it once: true
after flushing with B listed: 0 live
== a non-numeric tag counter on both servers: flushes work, the next write repairs it
flushByTags: 0, flushByTag: 0
g3, flushByTag after repair: 10, then: false
