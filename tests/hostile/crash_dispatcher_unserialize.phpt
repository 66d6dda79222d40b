--TEST--
Crash regression: unserialize() of a crafted EventDispatcher used to segfault on dispatch(); the HTTP classes that hold state refuse serialization both ways
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\{EventDispatcher, Event, ContentCacheClearEvent, OwnLocationsListener, Purger, VarnishClient, ResponseTagger};

$payload = 'O:29:"TagCache\Http\EventDispatcher":1:{s:40:"' . "\0TagCache\\Http\\EventDispatcher\0listeners"
    . '";a:1:{s:1:"e";a:1:{i:0;s:1:"x";}}}';
try {
    $d = unserialize($payload);
    $d->dispatch(new Event(), 'e');
    echo "unserialized\n";
} catch (Throwable $ex) {
    echo get_class($ex), ": ", $ex->getMessage(), "\n";
}
$objects = [new EventDispatcher(), new Event(), new ContentCacheClearEvent('c'), new OwnLocationsListener(fn() => []),
            new Purger(new VarnishClient(['127.0.0.1:9'])), new ResponseTagger()];
foreach ($objects as $o) {
    try {
        serialize($o);
        echo get_class($o), " serialized\n";
    } catch (Exception $ex) {
        echo $ex->getMessage(), "\n";
    }
    $name = get_class($o);
    try {
        unserialize('O:' . strlen($name) . ':"' . $name . '":0:{}');
        echo "$name unserialized\n";
    } catch (Exception $ex) {
        echo $ex->getMessage(), "\n";
    }
}
?>
--EXPECT--
Exception: Unserialization of 'TagCache\Http\EventDispatcher' is not allowed
Serialization of 'TagCache\Http\EventDispatcher' is not allowed
Unserialization of 'TagCache\Http\EventDispatcher' is not allowed
Serialization of 'TagCache\Http\Event' is not allowed
Unserialization of 'TagCache\Http\Event' is not allowed
Serialization of 'TagCache\Http\ContentCacheClearEvent' is not allowed
Unserialization of 'TagCache\Http\ContentCacheClearEvent' is not allowed
Serialization of 'TagCache\Http\OwnLocationsListener' is not allowed
Unserialization of 'TagCache\Http\OwnLocationsListener' is not allowed
Serialization of 'TagCache\Http\Purger' is not allowed
Unserialization of 'TagCache\Http\Purger' is not allowed
Serialization of 'TagCache\Http\ResponseTagger' is not allowed
Unserialization of 'TagCache\Http\ResponseTagger' is not allowed
