--TEST--
Crash regression: a Purger whose dispatcher was set to null (Reflection) used to segfault in purgeForContent(); it now throws
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\{Purger, VarnishClient};

$p = new Purger(new VarnishClient(['127.0.0.1:9']));
try {
    (new ReflectionProperty($p, 'dispatcher'))->setValue($p, null);
} catch (ReflectionException $ex) {
    echo $ex->getMessage(), "\n";
}
var_dump($p->purgeForContent('x')->getContent(), get_class($p->getDispatcher()));
// Purger is final and internal: it cannot be instantiated without its constructor
try {
    (new ReflectionClass(Purger::class))->newInstanceWithoutConstructor();
} catch (ReflectionException $ex) {
    echo $ex->getMessage(), "\n";
}
// a constructor that failed half-way leaves nothing half-set
try {
    $half = new Purger(new VarnishClient(['127.0.0.1:9']), null, ['keepFailed' => 'yes']);
} catch (TagCache\InvalidArgumentException $ex) {
    echo $ex->getMessage(), "\n";
}
try {
    clone $p;
} catch (Error $ex) {
    echo $ex->getMessage(), "\n";
}
?>
--EXPECT--
Property TagCache\Http\Purger::$dispatcher does not exist
string(1) "x"
string(29) "TagCache\Http\EventDispatcher"
Class TagCache\Http\Purger is an internal class marked as final that cannot be instantiated without invoking its constructor
Purger option "keepFailed" must be a boolean, got string
Trying to clone an uncloneable object of class TagCache\Http\Purger
