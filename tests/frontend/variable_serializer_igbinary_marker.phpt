--TEST--
VariableFrontend with igbinary loaded: the default writes PHP's serialize() ('p'), only serializer=igbinary writes 'i'; either reads the other
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (!extension_loaded('igbinary')) die('skip igbinary not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir();
$value = ['a' => 1, 'b' => [true, null, 'str']];
foreach ([[], ['serializer' => 'igbinary']] as $options) {
    $backend = new FileBackend(['cacheDirectory' => $dir]);
    $cache = new VariableFrontend('ser_ig', $backend, $options);
    $cache->set('v', $value);
    $raw = $backend->get('v');
    $expected = $raw[0] === 'i' ? igbinary_serialize($value) : serialize($value);
    var_dump($raw[0], substr($raw, 1) === $expected, $cache->get('v') === $value);
}
// An entry written with the 'i' marker (igbinary) reads through a default frontend.
$backend = new FileBackend(['cacheDirectory' => $dir]);
var_dump((new VariableFrontend('ser_ig', $backend))->get('v') === $value);
// Same entry store, written by php serializer, read by an igbinary frontend: the marker decides.
$backend = new FileBackend(['cacheDirectory' => $dir]);
(new VariableFrontend('ser_mix', $backend, ['serializer' => 'php']))->set('v', $value);
$backend2 = new FileBackend(['cacheDirectory' => $dir]);
$ig = new VariableFrontend('ser_mix', $backend2, ['serializer' => 'igbinary']);
var_dump($backend2->get('v')[0], $ig->get('v') === $value);
$ig->set('w', $value);
$backend3 = new FileBackend(['cacheDirectory' => $dir]);
$php = new VariableFrontend('ser_mix', $backend3, ['serializer' => 'php']);
var_dump($backend3->get('w')[0], $php->get('w') === $value);
// igbinary cannot restrict classes
tc_expect_exception(fn() => new VariableFrontend('ser_x', new FileBackend(['cacheDirectory' => $dir]), ['serializer' => 'igbinary', 'allowedClasses' => false]));
?>
--EXPECT--
string(1) "p"
bool(true)
bool(true)
string(1) "i"
bool(true)
bool(true)
bool(true)
string(1) "p"
bool(true)
string(1) "i"
bool(true)
InvalidArgumentException: VariableFrontend options "serializer" = "igbinary" and "allowedClasses" do not mix: igbinary cannot restrict classes
