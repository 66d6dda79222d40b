--TEST--
FileBackend reads an entry to the length its header says (no read to EOF): entries below, at and above the first 4 KiB read and with a header longer than it read back whole; each one byte short or with a byte appended reads as a miss through get, has and getByTag, reported with the real file size
--EXTENSIONS--
tagcache
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$backend = new FileBackend(['cacheDirectory' => tc_tmpdir('read-exact')]);
$cache = new StringFrontend('exact', $backend);
$warnings = [];
set_error_handler(function (int $no, string $msg) use (&$warnings) {
    $warnings[] = preg_replace('/^.*?: FileBackend/', 'FileBackend', $msg);
    return true;
});

// Unlimited lifetime (expiry 0): the header of a 4-digit payload with tag t is 46 bytes, so
// e3..e5 are files of 4095, 4096 and 4097 bytes around the first read.
$sizes = [0, 1, 100, 4049, 4050, 4051, 20000, 300000];
$ids = [];
foreach ($sizes as $i => $n) {
    $id = "e$i";
    $ids[$id] = $n;
    $cache->set($id, str_repeat(chr(97 + $i), $n), ['t'], 0);
}
$manyTags = array_map(fn($k) => "tag-with-a-longish-name-$k", range(1, 200));
$cache->set('longhead', 'payload after a long header', array_merge(['t'], $manyTags));

echo "-- sound entries\n";
foreach ($ids as $id => $n) {
    $file = tc_entry_file($backend, $id);
    $v = $cache->get($id);
    printf("%s file %d bytes: get %s, has %s\n", $id, filesize($file),
        $v === str_repeat($v === '' ? 'x' : $v[0], $n) && strlen($v) === $n ? 'whole' : 'WRONG',
        var_export($cache->has($id), true));
}
echo 'longhead: ', $cache->get('longhead'), ' (header ', strlen(strstr(file_get_contents(tc_entry_file($backend, 'longhead')), "\n", true)) > 4096 ? 'over' : 'under', " 4096)\n";
$all = $cache->getByTag('t');
ksort($all);
foreach ($all as $id => $v) {
    echo "$id:", strlen($v), ' ';
}
echo "\n", $warnings ? implode("\n", $warnings) : 'no warnings', "\n";

foreach (['short' => fn($b) => substr($b, 0, -1), 'long' => fn($b) => $b . 'z'] as $how => $damage) {
    echo "-- every entry one byte $how\n";
    foreach (array_merge(array_keys($ids), ['longhead']) as $id) {
        $file = tc_entry_file($backend, $id);
        file_put_contents($file, $damage(file_get_contents($file)));
    }
    foreach (array_merge(array_keys($ids), ['longhead']) as $id) {
        $warnings = [];
        $got = [var_export($cache->get($id), true), var_export($cache->has($id), true), var_export($backend->get($id), true)];
        $reasons = array_unique(array_map(fn($w) => preg_match("/entry \"$id\" is corrupt \\((.*)\\) and reads as a miss/", $w, $m) ? $m[1] : "OTHER: $w", $warnings));
        echo "$id: get/has/backend get ", implode('/', $got), ', ', count($warnings), ' warnings: ', implode('; ', $reasons), "\n";
    }
    $warnings = [];
    echo 'getByTag: ', json_encode($cache->getByTag('t')), ', ', count($warnings), " warnings\n";
    // Sound again for the next round.
    foreach ($ids as $id => $n) {
        $cache->set($id, str_repeat('k', $n), ['t'], 0);
    }
    $cache->set('longhead', 'payload after a long header', array_merge(['t'], $manyTags));
}
?>
--EXPECT--
-- sound entries
e0 file 43 bytes: get whole, has true
e1 file 44 bytes: get whole, has true
e2 file 145 bytes: get whole, has true
e3 file 4095 bytes: get whole, has true
e4 file 4096 bytes: get whole, has true
e5 file 4097 bytes: get whole, has true
e6 file 20047 bytes: get whole, has true
e7 file 300048 bytes: get whole, has true
longhead: payload after a long header (header over 4096)
e0:0 e1:1 e2:100 e3:4049 e4:4050 e5:4051 e6:20000 e7:300000 longhead:27 
no warnings
-- every entry one byte short
e0: get/has/backend get false/false/false, 3 warnings: header line is unterminated
e1: get/has/backend get false/false/false, 3 warnings: payload length 1 does not match the file size 43
e2: get/has/backend get false/false/false, 3 warnings: payload length 100 does not match the file size 144
e3: get/has/backend get false/false/false, 3 warnings: payload length 4049 does not match the file size 4094
e4: get/has/backend get false/false/false, 3 warnings: payload length 4050 does not match the file size 4095
e5: get/has/backend get false/false/false, 3 warnings: payload length 4051 does not match the file size 4096
e6: get/has/backend get false/false/false, 3 warnings: payload length 20000 does not match the file size 20046
e7: get/has/backend get false/false/false, 3 warnings: payload length 300000 does not match the file size 300047
longhead: get/has/backend get false/false/false, 3 warnings: payload length 27 does not match the file size 5571
getByTag: [], 9 warnings
-- every entry one byte long
e0: get/has/backend get false/false/false, 3 warnings: payload length 0 does not match the file size 44
e1: get/has/backend get false/false/false, 3 warnings: payload length 1 does not match the file size 45
e2: get/has/backend get false/false/false, 3 warnings: payload length 100 does not match the file size 146
e3: get/has/backend get false/false/false, 3 warnings: payload length 4049 does not match the file size 4096
e4: get/has/backend get false/false/false, 3 warnings: payload length 4050 does not match the file size 4097
e5: get/has/backend get false/false/false, 3 warnings: payload length 4051 does not match the file size 4098
e6: get/has/backend get false/false/false, 3 warnings: payload length 20000 does not match the file size 20048
e7: get/has/backend get false/false/false, 3 warnings: payload length 300000 does not match the file size 300049
longhead: get/has/backend get false/false/false, 3 warnings: payload length 27 does not match the file size 5573
getByTag: [], 9 warnings
