--TEST--
getByTag over FileBackend reads each entry once and still confirms every marker against the entry header: stale markers (entry without the tag, entry gone), expired and corrupt entries (bad header, short, long, small and over 4 KiB) are left out, corrupt ones reported once; the good ones come back whole, keyed and ordered as findIdentifiersByTag lists them; an error handler that throws on the report makes getByTag throw it
--EXTENSIONS--
tagcache
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir('getbytag');
$backend = new FileBackend(['cacheDirectory' => "$dir/s"]);
$cache = new StringFrontend('s', $backend);
$warnings = [];
set_error_handler(function (int $no, string $msg) use (&$warnings) {
    $warnings[] = preg_replace('/^.*?: FileBackend/', 'FileBackend', $msg);
    return true;
});
function damage(FileBackend $b, string $id, callable $how): void
{
    $f = tc_entry_file($b, $id);
    file_put_contents($f, $how(file_get_contents($f)));
}

$big = str_repeat('B', 9000);
foreach (['10', '2', 'small', 'big', 'empty'] as $id) {
    $cache->set($id, $id === 'big' ? $big : ($id === 'empty' ? '' : "value of $id"), ['t', 'u']);
}
foreach (['badhead', 'short', 'long', 'bigshort', 'biglong', 'retagged', 'retaggedlong', 'gone', 'expired'] as $id) {
    $cache->set($id, str_starts_with($id, 'big') || $id === 'retaggedlong' ? $big : "value of $id", ['t']);
}
damage($backend, 'badhead', fn($b) => 'X' . substr($b, 1));
damage($backend, 'short', fn($b) => substr($b, 0, -1));
damage($backend, 'long', fn($b) => "$b!");
damage($backend, 'bigshort', fn($b) => substr($b, 0, -1));
damage($backend, 'biglong', fn($b) => "$b!");
$cache->set('retagged', 'no longer tagged t', ['u']);          // its marker t/retagged stays behind
$cache->set('retaggedlong', $big, ['u']);
damage($backend, 'retaggedlong', fn($b) => "$b!");             // stale marker to a corrupt entry
unlink(tc_entry_file($backend, 'gone'));                        // marker without entry
damage($backend, 'expired', fn($b) => preg_replace('/ D \d+ /', ' D 1 ', $b, 1));
foreach (['retagged', 'retaggedlong'] as $id) {
    echo "marker t/$id: ", var_export(is_file($backend->getCacheDirectory() . "/tags/t/$id"), true), "\n";
    touch($backend->getCacheDirectory() . "/tags/t/$id");       // as a killed writer leaves it
}

$ids = $backend->findIdentifiersByTag('t');
echo "findIdentifiersByTag: ", count($warnings), " warnings\n";
$warnings = [];
$got = $cache->getByTag('t');
echo 'keys in findIdentifiersByTag order: ', var_export(array_map('strval', array_keys($got)) === $ids, true), "\n";
ksort($got, SORT_STRING);
foreach ($got as $id => $v) {
    echo var_export($id, true), ' => ', strlen($v) > 40 ? strlen($v) . ' bytes ' . ($v === $big ? 'whole' : 'WRONG') : var_export($v, true), "\n";
}
sort($warnings);
echo implode("\n", $warnings), "\n";

echo "-- VariableFrontend: an undecodable payload among good ones\n";
$vb = new FileBackend(['cacheDirectory' => "$dir/v"]);
$vc = new VariableFrontend('v', $vb);
$vc->set('a', ['list', 1, 2.5], ['t']);
$vc->set('b', new ArrayObject(['x' => str_repeat('y', 5000)]), ['t']);
$vc->set('c', 'plain', ['t']);
damage($vb, 'c', fn($b) => substr($b, 0, -5) . "\xff\xff\xff\xff\xff");
$warnings = [];
$got = $vc->getByTag('t');
ksort($got);
echo json_encode(array_map(fn($v) => is_object($v) ? get_class($v) . ':' . strlen($v['x']) : $v, $got)), "\n";
echo count($warnings), " warnings\n";

echo "-- a throwing error handler\n";
set_error_handler(function (int $no, string $msg) {
    throw new RuntimeException(preg_replace('/^.*?: FileBackend/', 'FileBackend', $msg));
});
try {
    var_dump($cache->getByTag('t'));
} catch (RuntimeException $e) {
    echo get_class($e), ': ', preg_replace('/entry "\w+" is corrupt \(.*\)/', 'entry "ID" is corrupt (REASON)', $e->getMessage()), "\n";
}
restore_error_handler();
$u = array_map('strval', array_keys(@$cache->getByTag('u')));
sort($u);
echo json_encode($u), "\n";
?>
--EXPECT--
marker t/retagged: false
marker t/retaggedlong: false
findIdentifiersByTag: 6 warnings
keys in findIdentifiersByTag order: true
10 => 'value of 10'
2 => 'value of 2'
'big' => 9000 bytes whole
'empty' => ''
'small' => 'value of small'
FileBackend of cache "s": entry "badhead" is corrupt (header line has no tagcache1 marker) and reads as a miss
FileBackend of cache "s": entry "biglong" is corrupt (payload length 9000 does not match the file size 9056) and reads as a miss
FileBackend of cache "s": entry "bigshort" is corrupt (payload length 9000 does not match the file size 9054) and reads as a miss
FileBackend of cache "s": entry "long" is corrupt (payload length 13 does not match the file size 67) and reads as a miss
FileBackend of cache "s": entry "retaggedlong" is corrupt (payload length 9000 does not match the file size 9056) and reads as a miss
FileBackend of cache "s": entry "short" is corrupt (payload length 14 does not match the file size 66) and reads as a miss
-- VariableFrontend: an undecodable payload among good ones
{"a":["list",1,2.5],"b":"ArrayObject:5000"}
1 warnings
-- a throwing error handler
RuntimeException: FileBackend of cache "s": entry "ID" is corrupt (REASON) and reads as a miss
["2","10","big","empty","retagged","small"]
