--TEST--
MemcachedBackend with two servers: entries spread by consistent hashing; one server stopped gives clear errors for its entries and no stale read anywhere; a paused server makes flushByTag fail until repeated; a restarted (empty) server works again with misses
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
function where(array $a, array $b, string $id): string
{
    $on = [];
    foreach (['A' => $a, 'B' => $b] as $name => $srv) {
        if (tc_memcached_cmd($srv, "mg tc:default:Two:e:$id")[0] === 'HD') {
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

echo "== A paused: flushByTag fails, repeating it once A is back finishes it\n";
$cache->set($on['A'][0], 'on A', ['p']);
$cache->set($on['B'][0], 'on B', ['p']);
posix_kill($a['pid'], SIGSTOP);
$e = tc_expect_exception(fn() => $cache->flushByTag('p'));
echo 'names A: ', var_export(str_contains($e->getMessage(), $a['address']), true), "\n";
posix_kill($a['pid'], SIGCONT);
$cache->getBackend()->flushByTag('p');
var_dump($cache->get($on['A'][0]), $cache->get($on['B'][0]));
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
== A paused: flushByTag fails, repeating it once A is back finishes it
BackendException: MemcachedBackend: %s
names A: true
bool(false)
bool(false)
