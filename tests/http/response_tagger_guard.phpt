--TEST--
ResponseTagger guard: a page whose tags (or whole cache) were flushed after the tagger's ticket is stale, also when another process flushed; clear() starts a new page
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (!method_exists('TagCache\Frontend\VariableFrontend', 'ticket')) die('skip write tickets are not in this build yet');
if (!function_exists('proc_open')) die('skip proc_open not available');
?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Http\ResponseTagger;

$cache = new VariableFrontend('pages', new TransientMemoryBackend());
$t = new ResponseTagger(['guard' => $cache]);
$t->addTags(['post-1', 'list']);
var_dump($t->isStale());
$cache->flushByTag('post-2');
var_dump($t->isStale());
$cache->flushByTag('list');
var_dump($t->isStale());
print_r($t->getHeaders());
$copy = clone $t;
var_dump($copy->isStale());
$t->clear();
$t->addTags(['list']);
var_dump($t->isStale());
$cache->flush();
var_dump($t->isStale());

echo "-- a native backend as guard\n";
$backend = new TransientMemoryBackend();
$fe = new VariableFrontend('b', $backend);
$t2 = new ResponseTagger(['guard' => $backend, 'staleHeader' => 'X-Page-Stale']);
$t2->addTags(['x']);
$fe->flushByTag('x');
print_r($t2->getHeaders());

echo "-- the edit happens in another process while this one renders\n";
$dir = tc_tmpdir('guard');
$shared = new VariableFrontend('shared', new FileBackend(['cacheDirectory' => $dir]));
$t3 = new ResponseTagger(['guard' => $shared]);
$t3->addTags(['post-9']);
var_dump($t3->isStale());
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$extra = getenv('TEST_PHP_EXTRA_ARGS') ?: '';
$code = '$c = new TagCache\Frontend\VariableFrontend("shared", new TagCache\Backend\FileBackend(["cacheDirectory" => $argv[1]]));'
    . ' $c->flushByTag("post-9"); echo "flushed\n";';
echo shell_exec(escapeshellarg($php) . " $extra -r " . escapeshellarg($code) . ' ' . escapeshellarg($dir));
var_dump($t3->isStale());
?>
--EXPECT--
bool(false)
bool(false)
bool(true)
Array
(
    [0] => X-Cache-Tags: post-1,list
    [1] => X-Tagcache-Stale: 1
)
bool(true)
bool(false)
bool(true)
-- a native backend as guard
Array
(
    [0] => X-Cache-Tags: x
    [1] => X-Page-Stale: 1
)
-- the edit happens in another process while this one renders
bool(false)
flushed
bool(true)
