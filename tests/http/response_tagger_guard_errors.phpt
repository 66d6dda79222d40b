--TEST--
ResponseTagger guard: bad guards are refused by name; a tagger without guard, a clone, var_dump and Reflection stay safe
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\SimpleFileBackend;
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Http\ResponseTagger;

$dir = tc_tmpdir('guard');
$guards = [
    'a string' => 'pages',
    'stdClass' => new stdClass(),
    'unbound backend' => new FileBackend(['cacheDirectory' => $dir]),
    'SimpleFileBackend' => new VariableFrontend('simple', new SimpleFileBackend(['cacheDirectory' => $dir])),
];
foreach ($guards as $label => $guard) {
    try {
        new ResponseTagger(['guard' => $guard]);
        echo "$label: accepted\n";
    } catch (TagCache\Exception $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    new ResponseTagger(['staleHeader' => 'Bad Name']);
} catch (TagCache\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}

// no guard: never stale, and getHeaders() is the tag lines
$t = new ResponseTagger(['staleHeader' => 'X-Page-Stale']);
$t->addTags(['a', 'b']);
var_dump($t->isStale(), $t->getHeaders(), $t->getStaleHeaderName());

// constructor not called yet (a final internal class cannot skip it), clone, Reflection
$raw = new ResponseTagger();
var_dump($raw->isStale(), $raw->getHeaders());
$copy = clone $t;
var_dump($copy->getHeaders() === $t->getHeaders());
var_dump(count((new ReflectionObject($t))->getProperties()));
$dump = print_r($t, true);
echo str_contains($dump, '[staleHeader] => X-Page-Stale') && str_contains($dump, '[guard] =>') ? "debug info ok\n" : $dump;
?>
--EXPECTF--
a string: TagCache\InvalidArgumentException: ResponseTagger option "guard" must be a tagcache cache (frontend) or native backend with write tickets, or null, got string
stdClass: TagCache\NotSupportedByBackendException: ResponseTagger option "guard": stdClass is neither a tagcache frontend nor one of tagcache's native backends, which keep write tickets
unbound backend: TagCache\NotSupportedByBackendException: This FileBackend serves no cache yet: pass it to a frontend (which calls setCache()) before using it
SimpleFileBackend: TagCache\NotSupportedByBackendException: ResponseTagger option "guard": TagCache\Backend\SimpleFileBackend does not support write tickets, needed to tell whether a page's tags were flushed while it was built
ResponseTagger option "staleHeader" must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~), got Bad Name
bool(false)
array(1) {
  [0]=>
  string(17) "X-Cache-Tags: a,b"
}
string(12) "X-Page-Stale"
bool(false)
array(0) {
}
bool(true)
int(0)
debug info ok
