--TEST--
HTTP classes: a clone of an event, a dispatcher, a relation listener or a tagger is an independent copy; Purger and VarnishClient refuse clone; var_dump shows the native state; getters return copies
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\{Event, ContentCacheClearEvent, EventDispatcher, OwnLocationsListener, Purger, VarnishClient, ResponseTagger};

$e = new ContentCacheClearEvent(['id' => 1]);
$e->addLocationsToClear([1, 'two']);
$e->addTagToClear('t1');
$e->stopPropagation();
$c = clone $e;
$c->addLocationToClear(3);
$c->addTagToClear('t2');
$c->setContent('other');
var_dump($e->getLocationsToClear(), $c->getLocationsToClear(), $e->getTagsToClear(), $c->getTagsToClear(),
    $e->getContent(), $c->getContent(), $c->isPropagationStopped(), (clone new Event())->isPropagationStopped());

// getters hand out copies: changing what they return changes nothing inside
$list = $e->getLocationsToClear();
$list[] = 'injected';
var_dump(count($e->getLocationsToClear()));

$d = new EventDispatcher();
$d->addListener('a', $l1 = fn() => print("l1\n"));
$d2 = clone $d;
$d2->addListener('a', fn() => print("l2\n"));
$d2->removeListener('a', $l1);
$d->dispatch(new Event(), 'a');
$d2->dispatch(new Event(), 'a');
var_dump(count($d->getListeners('a')), count($d2->getListeners('a')));

$own = new OwnLocationsListener(fn($content) => ["loc-$content"]);
$ev = new ContentCacheClearEvent('x');
(clone $own)($ev);
var_dump($ev->getLocationsToClear());

$t = (new ResponseTagger(['headerName' => 'X-Tags']))->addTags(['a']);
$t2 = clone $t;
$t2->addTags(['b']);
$t->clear();
var_dump($t->getTags(), $t2->getTags(), $t2->getTagsHeaderName());

$client = new VarnishClient(['127.0.0.1:9']);
foreach ([$client, new Purger($client)] as $o) {
    try {
        clone $o;
    } catch (Error $ex) {
        echo $ex->getMessage(), "\n";
    }
}
var_dump($e, $t2);
print_r($d);
echo "\n";
?>
--EXPECTF--
array(2) {
  [0]=>
  string(1) "1"
  [1]=>
  string(3) "two"
}
array(3) {
  [0]=>
  string(1) "1"
  [1]=>
  string(3) "two"
  [2]=>
  string(1) "3"
}
array(1) {
  [0]=>
  string(2) "t1"
}
array(2) {
  [0]=>
  string(2) "t1"
  [1]=>
  string(2) "t2"
}
array(1) {
  ["id"]=>
  int(1)
}
string(5) "other"
bool(true)
bool(false)
int(2)
l1
l2
int(1)
int(1)
array(1) {
  [0]=>
  string(5) "loc-x"
}
array(0) {
}
array(2) {
  [0]=>
  string(1) "a"
  [1]=>
  string(1) "b"
}
string(6) "X-Tags"
Trying to clone an uncloneable object of class TagCache\Http\VarnishClient
Trying to clone an uncloneable object of class TagCache\Http\Purger
object(TagCache\Http\ContentCacheClearEvent)#%d (4) {
  ["propagationStopped"]=>
  bool(true)
  ["content"]=>
  array(1) {
    ["id"]=>
    int(1)
  }
  ["locations"]=>
  array(2) {
    [0]=>
    string(1) "1"
    [1]=>
    string(3) "two"
  }
  ["tags"]=>
  array(1) {
    [0]=>
    string(2) "t1"
  }
}
object(TagCache\Http\ResponseTagger)#%d (7) {
  ["headerName"]=>
  string(6) "X-Tags"
  ["headerLength"]=>
  int(7500)
  ["cacheGroups"]=>
  bool(false)
  ["surrogateKey"]=>
  bool(false)
  ["tags"]=>
  array(2) {
    [0]=>
    string(1) "a"
    [1]=>
    string(1) "b"
  }
  ["staleHeader"]=>
  string(16) "X-Tagcache-Stale"
  ["guard"]=>
  NULL
}
TagCache\Http\EventDispatcher Object
(
    [listeners] => Array
        (
            [a] => Array
                (
                    [0] => Array
                        (
                            [0] => 0
                            [1] => Closure Object
                                (
                                )

                        )

                )

        )

)