--TEST--
Bus under hostile use: clone, serialize, unserialize, Reflection, a second constructor call, var_dump, references in arguments
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Bus\Bus;

$bus = new Bus(['defer' => 'request', 'password' => 'hidden', 'keepDirectory' => tc_tmpdir('keep') . '/kept']);
tc_expect_exception(fn() => clone $bus);
tc_expect_exception(fn() => serialize($bus));
tc_expect_exception(fn() => unserialize('O:16:"TagCache\Bus\Bus":0:{}'));
tc_expect_exception(fn() => (new ReflectionClass(Bus::class))->newInstanceWithoutConstructor());
tc_expect_exception(fn() => $bus->__construct(['port' => 1]));
var_dump($bus->getOptions()['port']);
var_dump($bus);
var_dump(str_contains(print_r($bus, true) . var_export($bus, true), 'hidden'));
echo "-- references and changing arrays\n";
$tags = ['a', 'b'];
$ref = &$tags[0];
$bus->flushByTags($tags);
$ref = 'changed';
echo json_encode($bus->getPending()), "\n";
$bus->beginTransaction();
$bus->beginTransaction();
unset($bus); // released inside a transaction: the transaction is dropped, the rest published (no Redis: kept, with a warning)
echo "done\n";
?>
--EXPECTF--
Error: Trying to clone an uncloneable object of class TagCache\Bus\Bus
Exception: Serialization of 'TagCache\Bus\Bus' is not allowed
Exception: Unserialization of 'TagCache\Bus\Bus' is not allowed
ReflectionException: Class TagCache\Bus\Bus is an internal class marked as final that cannot be instantiated without invoking its constructor
Error: TagCache\Bus\Bus is already constructed
int(6379)
object(TagCache\Bus\Bus)#%d (0) {
}
bool(false)
-- references and changing arrays
[{"op":"flushByTags","application":"","cache":null,"tags":["a","b"],"persistent":false}]

Warning: TagCache\Bus\Bus released with 1 clear not published to stream "tagcache:bus" (%s): kept in "%s/kept", published by the next publish to that stream or by tagcache bus:publish-kept in %s on line %d
done
