--TEST--
Crash regression: an integer key in a ContentCacheClearEvent's locations used to segfault Purger::purgeForContent(); ids are kept as strings, ints are converted, and nothing else gets in
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\{ContentCacheClearEvent, EventDispatcher, Purger, VarnishClient};

$d = new EventDispatcher();
$d->addListener(ContentCacheClearEvent::NAME, function (ContentCacheClearEvent $e) {
    try {
        (new ReflectionProperty(ContentCacheClearEvent::class, 'locations'))->setValue($e, [5 => true]);
    } catch (ReflectionException $ex) {
        echo $ex->getMessage(), "\n";
    }
    $e->addLocationToClear(5);                  // an int id
    $e->addLocationsToClear([7 => 7, '8' => 8]); // int keys and values
    $e->addLocationToClear('5');                // the same id as 5
    foreach ([5.0, null, [5], new stdClass, true] as $bad) {
        try {
            $e->addLocationToClear($bad);
        } catch (TagCache\InvalidArgumentException $ex) {
            echo $ex->getMessage(), "\n";
        }
    }
    try {
        $e->setLocationsToClear(['ok', 3.5]);
    } catch (TagCache\InvalidArgumentException $ex) {
        echo $ex->getMessage(), "\n";
    }
});
$client = new VarnishClient(['127.0.0.1:9']);
$p = new Purger($client, $d);
$event = $p->purgeForContent('x');
var_dump($event->getLocationsToClear(), $client->getQueueSize());
?>
--EXPECT--
Property TagCache\Http\ContentCacheClearEvent::$locations does not exist
Location id must be a string or an int, got float
Location id must be a string or an int, got null
Location id must be a string or an int, got array
Location id must be a string or an int, got stdClass
Location id must be a string or an int, got bool
Location id must be a string or an int, got float
array(3) {
  [0]=>
  string(1) "5"
  [1]=>
  string(1) "7"
  [2]=>
  string(1) "8"
}
int(1)
