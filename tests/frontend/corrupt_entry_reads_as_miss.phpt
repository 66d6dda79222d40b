--TEST--
FileBackend: a damaged, truncated or emptied entry file reads as a miss with a warning, never a crash
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir();
$backend = new FileBackend(['cacheDirectory' => $dir]);
$cache = new VariableFrontend('corrupt', $backend, ['serializer' => 'php']);
$value = ['some' => str_repeat('data', 50)];
foreach (['trunc', 'garbage', 'empty', 'payload', 'marker'] as $id) {
    $cache->set($id, $value, ['t']);
    var_dump(is_file(tc_entry_file($backend, $id)));
}
$file = tc_entry_file($backend, 'trunc');
file_put_contents($file, substr(file_get_contents($file), 0, 40));
file_put_contents(tc_entry_file($backend, 'garbage'), tc_random()->getBytes(64));
file_put_contents(tc_entry_file($backend, 'empty'), '');
// keep the header, damage the serialized payload (the last bytes)
$file = tc_entry_file($backend, 'payload');
file_put_contents($file, substr(file_get_contents($file), 0, -5) . 'XXXXX');
// a header-valid entry whose payload has an unknown format marker
$s = new StringFrontend('corrupt2', $sb = new FileBackend(['cacheDirectory' => $dir]));
$s->set('marker', 'zNOT-A-FORMAT');
$v2 = new VariableFrontend('corrupt2', $sb2 = new FileBackend(['cacheDirectory' => $dir]));

foreach (['trunc', 'garbage', 'empty', 'payload'] as $id) {
    echo "-- $id\n";
    var_dump($cache->get($id));
}
echo "-- marker\n";
var_dump($v2->get('marker'));
echo "-- still usable\n";
$cache->set('trunc', 'rewritten');
var_dump($cache->get('trunc'));
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
seed: %d (replay with TAGCACHE_SEED=%d)
-- trunc

Warning: %s: FileBackend of cache "corrupt": entry "trunc" is corrupt (%s) and reads as a miss in %s on line %d
bool(false)
-- garbage

Warning: %s: FileBackend of cache "corrupt": entry "garbage" is corrupt (%s) and reads as a miss in %s on line %d
bool(false)
-- empty

Warning: %s: FileBackend of cache "corrupt": entry "empty" is corrupt (%s) and reads as a miss in %s on line %d
bool(false)
-- payload

Warning: %s: Cache "corrupt": entry "payload" %s; it reads as a miss in %s on line %d
bool(false)
-- marker

Warning: %s: Cache "corrupt2": entry "marker" starts with an unknown format marker; it reads as a miss in %s on line %d
bool(false)
-- still usable
string(9) "rewritten"
