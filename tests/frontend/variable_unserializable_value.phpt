--TEST--
VariableFrontend: a value whose serialization throws (Closure) gives InvalidDataException with the cause as previous
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

class Refuses {
    public function __serialize(): array { throw new LogicException('I refuse'); }
}
$dir = tc_tmpdir();
$serializers = ['php'];
if (extension_loaded('igbinary')) {
    $serializers[] = 'igbinary';
}
$ok = true;
foreach ($serializers as $ser) {
    $cache = new VariableFrontend("unser_$ser", new FileBackend(['cacheDirectory' => $dir]), ['serializer' => $ser]);
    $cache->set('closure', 'previous value');
    foreach ([function () {}, ['nested' => fn() => 1], new Refuses()] as $i => $value) {
        try {
            $cache->set('closure', $value);
            echo "$ser/$i: no exception\n";
            $ok = false;
        } catch (TagCache\InvalidDataException $e) {
            $prev = $e->getPrevious();
            if ($ser === 'php') {
                echo $e->getMessage(), "\n";
                echo get_class($prev), "\n";
            }
            if (!$prev instanceof Exception || !str_contains($e->getMessage(), 'entry "closure" cannot be serialized')) {
                echo "$ser/$i: bad exception ", $e->getMessage(), "\n";
                $ok = false;
            }
        }
    }
    // the failed writes left the old value alone
    if ($cache->get('closure') !== 'previous value') {
        echo "$ser: old value lost\n";
        $ok = false;
    }
}
var_dump($ok);
?>
--EXPECT--
The value for entry "closure" cannot be serialized: Serialization of 'Closure' is not allowed
Exception
The value for entry "closure" cannot be serialized: Serialization of 'Closure' is not allowed
Exception
The value for entry "closure" cannot be serialized: I refuse
LogicException
bool(true)
