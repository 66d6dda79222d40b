--TEST--
One tag rule at every entry point: ResponseTagger::addTags, ContentCacheClearEvent::addTagsToClear / addLocationsToClear, VarnishClient::invalidateTags / invalidateLocations in ban and xkey mode and Purger::purgeTags refuse a comma, whitespace or NUL the same way (the tagger and the client keep nothing of a refused list)
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\{ContentCacheClearEvent, Purger, ResponseTagger, VarnishClient};

// never flushed: nothing is sent anywhere
$ban = new VarnishClient(['127.0.0.1:9'], ['tagMode' => 'ban']);
$xkey = new VarnishClient(['127.0.0.1:9'], ['tagMode' => 'xkey']);
$tagger = new ResponseTagger();
$event = new ContentCacheClearEvent('content');
$entry = [
    'tagger' => fn(array $t) => $tagger->addTags($t),
    'event' => fn(array $t) => $event->addTagsToClear($t),
    'event location' => fn(array $t) => $event->addLocationsToClear($t),
    'ban' => fn(array $t) => $ban->invalidateTags($t),
    'ban location' => fn(array $t) => $ban->invalidateLocations($t),
    'xkey' => fn(array $t) => $xkey->invalidateTags($t),
    'xkey location' => fn(array $t) => $xkey->invalidateLocations($t),
    'purger' => fn(array $t) => (new Purger($ban))->purgeTags($t),
];
foreach (['a,b', 'a b', "a\tb", "a\nb", "a\vb", "a\0b", ''] as $bad) {
    $messages = [];
    foreach ($entry as $name => $add) {
        try {
            $add(['good', $bad]);
            $messages[$name] = 'accepted';
        } catch (TagCache\InvalidArgumentException $e) {
            // the same sentence everywhere, only the value's name differs
            $messages[$name] = preg_replace('/^(Tag|tag|location id|Location id) /', '', $e->getMessage());
        }
    }
    $same = count(array_unique($messages)) === 1;
    echo json_encode($bad), ': ', $same ? 'same everywhere: ' . reset($messages) : json_encode($messages), "\n";
}
var_dump($tagger->getTags(), $event->getTagsToClear(), $event->getLocationsToClear(), $ban->getQueueSize(), $xkey->getQueueSize());

// what the rule allows is sent as itself: every regex metacharacter quoted in ban mode
$ban->invalidateTags(['a.b', 'x(1)|y', '^s$', 'c+d?', '[e]{2}', 'f*\\g']);
var_dump($ban->getQueueSize());
?>
--EXPECT--
"a,b": same everywhere: "a,b" contains a comma at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
"a b": same everywhere: "a b" contains a blank at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
"a\tb": same everywhere: "a\tb" contains a tab at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
"a\nb": same everywhere: "a\nb" contains a line feed (LF) at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
"a\u000bb": same everywhere: "a\x0bb" contains a vertical tab at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
"a\u0000b": same everywhere: "a\0b" contains a NUL byte at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
"": same everywhere: must not be empty
array(0) {
}
array(1) {
  [0]=>
  string(4) "good"
}
array(1) {
  [0]=>
  string(4) "good"
}
int(0)
int(0)
int(1)
