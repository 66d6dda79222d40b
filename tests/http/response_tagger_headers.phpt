--TEST--
ResponseTagger: Cache-Groups (RFC 9875, quoted sf-strings) and Surrogate-Key headers, split by headerLength; options validated; tags those headers cannot carry refused
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\ResponseTagger;
function t(callable $f) {
    try { $f(); echo "no exception\n"; }
    catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
}
echo "-- default: the tag header only\n";
$t = (new ResponseTagger())->addTags(['a', 'b']);
print_r($t->getHeaders());
echo "-- both, with quoting\n";
$t = new ResponseTagger(['cacheGroups' => true, 'surrogateKey' => true]);
$t->addTags(['post-1', 'say"hi"', 'back\\slash', 'post-1']);
print_r($t->getHeaders());
echo "-- split by headerLength (each line within it)\n";
$t = new ResponseTagger(['cacheGroups' => true, 'surrogateKey' => true, 'headerLength' => 64]);
$tags = [];
for ($i = 0; $i < 12; $i++) {
    $tags[] = sprintf('tag-%02d', $i);
}
$t->addTags($tags);
$lines = $t->getHeaders();
print_r($lines);
$max = max(array_map('strlen', $lines));
var_dump($max <= 64);
// every tag is in each header family once, in order
foreach (['X-Cache-Tags' => ',', 'Cache-Groups' => ', ', 'Surrogate-Key' => ' '] as $name => $sep) {
    $got = [];
    foreach ($lines as $l) {
        if (str_starts_with($l, "$name: ")) {
            $got = array_merge($got, explode($sep, substr($l, strlen($name) + 2)));
        }
    }
    $got = array_map(fn($g) => trim($g, '"'), $got);
    echo $name, ' ', $got === $tags ? 'all tags' : 'MISMATCH ' . implode('|', $got), "\n";
}
echo "-- a tag too long for one Cache-Groups line\n";
$t = new ResponseTagger(['cacheGroups' => true, 'headerLength' => 64]);
t(fn() => $t->addTags([str_repeat('"', 30)]));   // 30 bytes, 62 quoted
t(fn() => $t->addTags([str_repeat('x', 49)]));   // "Cache-Groups: " + 51 = 65
t(fn() => $t->addTags([str_repeat('x', 48)]));
$s = new ResponseTagger(['surrogateKey' => true, 'headerLength' => 64]);
t(fn() => $s->addTags([str_repeat('y', 50)]));   // "X-Cache-Tags: " + 50 = 64 but "Surrogate-Key: " + 50 = 65
t(fn() => $s->addTags([str_repeat('y', 49)]));
echo "-- bytes a Cache-Groups string cannot hold\n";
$t = new ResponseTagger(['cacheGroups' => true]);
t(fn() => $t->addTags(['ok', "caf\xc3\xa9"]));
var_dump($t->getTags());
t(fn() => (new ResponseTagger(['surrogateKey' => true]))->addTags(["caf\xc3\xa9"])); // fine there
t(fn() => (new ResponseTagger(['surrogateKey' => true]))->addTags(['two words']));
echo "-- turning cacheGroups on by a second __construct() checks the tags held\n";
$t = (new ResponseTagger())->addTags(["caf\xc3\xa9"]);
t(fn() => $t->__construct(['cacheGroups' => true]));
print_r($t->getHeaders());
echo "-- options\n";
t(fn() => new ResponseTagger(['cacheGroups' => 1]));
t(fn() => new ResponseTagger(['surrogateKey' => 'yes']));
t(fn() => new ResponseTagger(['cacheGroup' => true]));
echo "-- clone keeps the options\n";
$t = new ResponseTagger(['surrogateKey' => true]);
$c = clone $t;
print_r($c->addTags(['z'])->getHeaders());
?>
--EXPECT--
-- default: the tag header only
Array
(
    [0] => X-Cache-Tags: a,b
)
-- both, with quoting
Array
(
    [0] => X-Cache-Tags: post-1,say"hi",back\slash
    [1] => Cache-Groups: "post-1", "say\"hi\"", "back\\slash"
    [2] => Surrogate-Key: post-1 say"hi" back\slash
)
-- split by headerLength (each line within it)
Array
(
    [0] => X-Cache-Tags: tag-00,tag-01,tag-02,tag-03,tag-04,tag-05,tag-06
    [1] => X-Cache-Tags: tag-07,tag-08,tag-09,tag-10,tag-11
    [2] => Cache-Groups: "tag-00", "tag-01", "tag-02", "tag-03", "tag-04"
    [3] => Cache-Groups: "tag-05", "tag-06", "tag-07", "tag-08", "tag-09"
    [4] => Cache-Groups: "tag-10", "tag-11"
    [5] => Surrogate-Key: tag-00 tag-01 tag-02 tag-03 tag-04 tag-05 tag-06
    [6] => Surrogate-Key: tag-07 tag-08 tag-09 tag-10 tag-11
)
bool(true)
X-Cache-Tags all tags
Cache-Groups all tags
Surrogate-Key all tags
-- a tag too long for one Cache-Groups line
TagCache\InvalidArgumentException: Tag of 30 bytes cannot fit in one Cache-Groups header line of at most 64 bytes
TagCache\InvalidArgumentException: Tag of 49 bytes cannot fit in one Cache-Groups header line of at most 64 bytes
no exception
TagCache\InvalidArgumentException: Tag of 50 bytes cannot fit in one Surrogate-Key header line of at most 64 bytes
no exception
-- bytes a Cache-Groups string cannot hold
TagCache\InvalidArgumentException: Tag "caf\xc3\xa9" has the byte 0xc3 at byte 3: with the option "cacheGroups" every tag must be printable ASCII, the only bytes a Cache-Groups string (RFC 9875, an RFC 8941 String) can hold
array(0) {
}
no exception
TagCache\InvalidArgumentException: Tag "two words" contains a blank at byte 3: a tag may not contain commas, whitespace or NUL (commas separate tags in the tag header, blanks separate xkey keys, and Varnish splits a ban on whitespace)
-- turning cacheGroups on by a second __construct() checks the tags held
TagCache\InvalidArgumentException: Tag "caf\xc3\xa9" has the byte 0xc3 at byte 3: with the option "cacheGroups" every tag must be printable ASCII, the only bytes a Cache-Groups string (RFC 9875, an RFC 8941 String) can hold
Array
(
    [0] => X-Cache-Tags: café
)
-- options
TagCache\InvalidArgumentException: ResponseTagger option "cacheGroups" must be a boolean, got int
TagCache\InvalidArgumentException: ResponseTagger option "surrogateKey" must be a boolean, got string
TagCache\InvalidArgumentException: ResponseTagger has no option "cacheGroup"; known options: headerName, headerLength, cacheGroups, surrogateKey, staleHeader, guard
-- clone keeps the options
Array
(
    [0] => X-Cache-Tags: z
    [1] => Surrogate-Key: z
)
