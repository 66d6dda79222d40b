--TEST--
ContentCacheClearEvent and the relation listeners: duplicates collapse, ids and tags are checked, listeners add what their lookups return
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\{ContentCacheClearEvent, EventDispatcher, OwnLocationsListener, ParentLocationsListener,
    RelatedLocationsListener, ReverseRelatedLocationsListener};

$e = new ContentCacheClearEvent('post');
var_dump(ContentCacheClearEvent::NAME, $e->getContent());
$e->setContent(['id' => 5]);
var_dump($e->getContent());
$e->addLocationToClear(1);
$e->addLocationToClear('1');
$e->addLocationsToClear([2, 'x-3', 2]);
$e->addTagToClear('post-5');
$e->addTagsToClear(['post-5', 'blog', 'a.b*']);
var_dump($e->getLocationsToClear(), $e->getTagsToClear());
$e->setLocationsToClear([9]);
$e->setTagsToClear([]);
var_dump($e->getLocationsToClear(), $e->getTagsToClear());
foreach ([fn() => $e->addTagToClear("x\r\nInjected: 1"), fn() => $e->addTagToClear(''), fn() => $e->addLocationToClear("1\0"),
          fn() => $e->addTagsToClear([1]), fn() => $e->addLocationsToClear([1.5])] as $bad) {
    try {
        $bad();
    } catch (TagCache\InvalidArgumentException $ex) {
        echo $ex->getMessage(), "\n";
    }
}
var_dump($e->getTagsToClear());

$d = new EventDispatcher();
$calls = [];
$d->addSubscriber(new OwnLocationsListener(function ($c) use (&$calls) { $calls[] = "own($c[id])"; return ["loc-$c[id]"]; }));
$d->addSubscriber(new ParentLocationsListener(fn($c) => ['loc-1', 'loc-0']));
$d->addSubscriber(new RelatedLocationsListener(fn($c) => new ArrayIterator(['rel-7'])));
$d->addSubscriber(new ReverseRelatedLocationsListener(fn($c) => null));
$ev = $d->dispatch(new ContentCacheClearEvent(['id' => 5]), ContentCacheClearEvent::NAME);
var_dump($calls, $ev->getLocationsToClear());

// an invokable listener with its own priority
$d2 = new EventDispatcher();
$d2->addListener(ContentCacheClearEvent::NAME, new OwnLocationsListener(fn($c) => [$c]), 10);
var_dump($d2->dispatch(new ContentCacheClearEvent('x'), ContentCacheClearEvent::NAME)->getLocationsToClear());

// a lookup returning nonsense is reported, naming the listener
$d3 = new EventDispatcher();
$d3->addSubscriber(new ParentLocationsListener(fn($c) => 'not a list'));
try {
    $d3->dispatch(new ContentCacheClearEvent(1), ContentCacheClearEvent::NAME);
} catch (TagCache\InvalidArgumentException $ex) {
    echo $ex->getMessage(), "\n";
}
?>
--EXPECT--
string(28) "tagcache.content_cache_clear"
string(4) "post"
array(1) {
  ["id"]=>
  int(5)
}
array(3) {
  [0]=>
  string(1) "1"
  [1]=>
  string(1) "2"
  [2]=>
  string(3) "x-3"
}
array(3) {
  [0]=>
  string(6) "post-5"
  [1]=>
  string(4) "blog"
  [2]=>
  string(4) "a.b*"
}
array(1) {
  [0]=>
  string(1) "9"
}
array(0) {
}
Tag "x\r\nInjected: 1" contains a carriage return (CR) at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
Tag must not be empty
Location id "1\0" contains a NUL byte at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
Tag must be a string, got int
Location id must be a string or an int, got float
array(0) {
}
array(1) {
  [0]=>
  string(6) "own(5)"
}
array(4) {
  [0]=>
  string(5) "loc-5"
  [1]=>
  string(5) "loc-1"
  [2]=>
  string(5) "loc-0"
  [3]=>
  string(5) "rel-7"
}
array(1) {
  [0]=>
  string(1) "x"
}
The lookup of TagCache\Http\ParentLocationsListener must return an iterable of location ids or null, returned string
