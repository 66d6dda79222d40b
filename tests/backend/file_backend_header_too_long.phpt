--TEST--
FileBackend: an entry whose header line would be too long to read back (very many long tags) is refused at set() with InvalidArgumentException; the old entry stays intact
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir('headmax');
$backend = new FileBackend(['cacheDirectory' => $dir]);
$cache = new StringFrontend('hm', $backend);
$cache->set('e', 'old value', ['old1', 'old2'], 0);

// 4300 distinct tags of 250 bytes: about 1.08 MB of header, over the 1 MiB a reader reads back.
$tags = [];
for ($i = 0; $i < 4300; $i++) {
    $tags[] = str_pad("tag$i-", 250, 'x');
}
$e = tc_expect_exception(fn() => $cache->set('e', 'new value', $tags, 0));
var_dump($e instanceof \InvalidArgumentException, $e->getCode());
// The same through the backend's own set().
tc_expect_exception(fn() => $backend->set('e', 'new value', $tags, 0));

echo "-- the old entry is intact\n";
var_dump($cache->get('e'), $backend->findIdentifiersByTag('old1'), $cache->getByTag($tags[0]));
$made = array_values(array_filter(scandir("$dir/hm/tags"), fn($n) => $n[0] !== '.'));
sort($made);
var_dump($made);

echo "-- a second backend object reads it too, and a normal set still works\n";
$again = new StringFrontend('hm', new FileBackend(['cacheDirectory' => $dir]));
var_dump($again->get('e'));
$cache->set('e', 'newer', array_slice($tags, 0, 100), 0);
var_dump($again->get('e'), count($again->getByTag($tags[99])));
?>
--EXPECTF--
InvalidArgumentException: entry "e" cannot be stored: its header line with 4300 tags would be %d bytes, over the 1048576 bytes an entry header may have to be read back (use fewer or shorter tags)
bool(true)
int(1001)
InvalidArgumentException: entry "e" cannot be stored: its header line with 4300 tags would be %d bytes, over the 1048576 bytes an entry header may have to be read back (use fewer or shorter tags)
-- the old entry is intact
string(9) "old value"
array(1) {
  [0]=>
  string(1) "e"
}
array(0) {
}
array(2) {
  [0]=>
  string(4) "old1"
  [1]=>
  string(4) "old2"
}
-- a second backend object reads it too, and a normal set still works
string(9) "old value"
string(5) "newer"
int(1)
