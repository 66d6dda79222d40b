--TEST--
VariableFrontend and StringFrontend: false, '', null, 0, "0", binary (all 256 bytes, NUL bytes) round-trip exactly
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\StringFrontend;

$all = '';
for ($i = 0; $i < 256; $i++) {
    $all .= chr($i);
}
$binary = $all . strrev($all) . "\0\0\0end\0";
$dir = tc_tmpdir();

$serializers = ['php'];
if (extension_loaded('igbinary')) {
    $serializers[] = 'igbinary';
}
$values = [
    'false' => false, 'empty' => '', 'null' => null, 'zero' => 0, 'zerostr' => '0',
    'binary' => $binary, 'nested' => ['k' => "\0", 'n' => null, 'f' => false],
];
$ok = true;
foreach ($serializers as $ser) {
    foreach (['file' => new FileBackend(['cacheDirectory' => $dir]), 'memory' => new TransientMemoryBackend()] as $bname => $backend) {
        $cache = new VariableFrontend("rt_{$ser}_$bname", $backend, ['serializer' => $ser]);
        foreach ($values as $id => $value) {
            $cache->set($id, $value);
            $back = $cache->get($id);
            if ($back !== $value || !$cache->has($id)) {
                $ok = false;
                echo "variable/$ser/$bname: $id did not round-trip\n";
            }
        }
        // A stored false is distinguishable from a miss only through has().
        if (!($cache->get('false') === false && $cache->has('false') && $cache->get('nothing') === false
              && !$cache->has('nothing') && $cache->has('null') && $cache->get('null') === null)) {
            $ok = false;
            echo "variable/$ser/$bname: false/null not told apart from a miss\n";
        }
    }
}
foreach (['file' => new FileBackend(['cacheDirectory' => $dir]), 'memory' => new TransientMemoryBackend()] as $bname => $backend) {
    $cache = new StringFrontend("rt_string_$bname", $backend);
    foreach (['empty' => '', 'zerostr' => '0', 'binary' => $binary, 'nul' => "\0"] as $id => $value) {
        $cache->set($id, $value, ['t']);
        if ($cache->get($id) !== $value) {
            $ok = false;
            echo "string/$bname: $id did not round-trip\n";
        }
    }
    $byTag = $cache->getByTag('t');
    var_dump(count($byTag), $byTag['binary'] === $binary, $byTag['empty'] === '');
}
var_dump($ok);
?>
--EXPECT--
int(4)
bool(true)
bool(true)
int(4)
bool(true)
bool(true)
bool(true)
