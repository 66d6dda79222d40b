--TEST--
Crash regression: rewriting EventDispatcher's listener table through Reflection, then dispatch(), used to segfault; the table is no longer a property
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\{Event, EventDispatcher};

$d = new EventDispatcher();
$d->addListener('e', function () { echo "listener ran\n"; });
$r = new ReflectionObject($d);
var_dump(count($r->getProperties()));
try {
    // the old layout: event name => list of [priority, listener]; a bare int used to be read as a list
    (new ReflectionProperty($d, 'listeners'))->setValue($d, ['e' => [1]]);
} catch (ReflectionException $ex) {
    echo get_class($ex), ": ", $ex->getMessage(), "\n";
}
// a closure cannot be bound to the scope of an internal class
@(function () { $this->listeners = ['e' => [1]]; })->call($d);
$d->dispatch(new Event(), 'e');
var_dump(count($d->getListeners('e')));
?>
--EXPECT--
int(0)
ReflectionException: Property TagCache\Http\EventDispatcher::$listeners does not exist
listener ran
int(1)
