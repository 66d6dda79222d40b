--TEST--
ResponseTagger: tags collected once, header rendered and split across lines by bytes, bad tags and options refused
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\ResponseTagger;

$t = new ResponseTagger();
var_dump($t->hasTags(), $t->getTagsHeaderName(), $t->getTagsHeaderValue(), $t->getTagsHeaderValues());
var_dump($t->addTags(['post-1', 'blog'])->addTags(['post-1', 'ü-tag']) === $t);
var_dump($t->hasTags(), $t->getTags(), $t->getTagsHeaderValue());

// split: every "Name: value" line within the limit, all tags kept, in order
$small = new ResponseTagger(['headerName' => 'xkey-tags', 'headerLength' => 100]);
$tags = [];
for ($i = 0; $i < 50; $i++) {
    $tags[] = "tag-$i";
}
$small->addTags($tags);
$lines = $small->getTagsHeaderValues();
$ok = true;
foreach ($lines as $line) {
    $ok = $ok && strlen('xkey-tags: ' . $line) <= 100;
}
var_dump(count($lines) > 1, $ok, explode(',', implode(',', $lines)) === $tags);
// greedy: no line could have taken the first tag of the next line
$greedy = true;
for ($i = 0; $i + 1 < count($lines); $i++) {
    $next = explode(',', $lines[$i + 1])[0];
    $greedy = $greedy && strlen('xkey-tags: ' . $lines[$i] . ',' . $next) > 100;
}
var_dump($greedy);

$t->clear();
var_dump($t->hasTags(), $t->getTags());

foreach ([["a\nb"], ['a,b'], ['a b'], [''], [5], [str_repeat('x', 200)]] as $bad) {
    try {
        $small->addTags($bad);
    } catch (TagCache\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
foreach ([['headerName' => 'Bad Name'], ['headerLength' => 10], ['nope' => 1]] as $options) {
    try {
        new ResponseTagger($options);
    } catch (TagCache\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
bool(false)
string(12) "X-Cache-Tags"
string(0) ""
array(0) {
}
bool(true)
bool(true)
array(3) {
  [0]=>
  string(6) "post-1"
  [1]=>
  string(4) "blog"
  [2]=>
  string(6) "ü-tag"
}
string(18) "post-1,blog,ü-tag"
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
array(0) {
}
Tag "a\nb" contains a line feed (LF) at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
Tag "a,b" contains a comma at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
Tag "a b" contains a blank at byte 1: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
Tag must not be empty
Tags must be strings, got int
Tag of 200 bytes cannot fit in one xkey-tags header line of at most 100 bytes
ResponseTagger option "headerName" must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~), got Bad Name
ResponseTagger option "headerLength" must be an integer from 64 to 1048576 (bytes of one header line), got int
ResponseTagger has no option "nope"; known options: headerName, headerLength, cacheGroups, surrogateKey, staleHeader, guard
