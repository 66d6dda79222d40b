--TEST--
MultiBackend messages: a class name with any bytes is shown escaped and capped; two children on one store (directory, segment and namespace) are refused naming both positions; a lifetime refused by a chain names the child that keeps no lifetimes
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\MultiBackend;
use TagCache\Backend\TaggableMultiBackend;
use TagCache\Frontend\StringFrontend;

$mem = ['backend' => 'TransientMemoryBackend'];
echo "== class names shown escaped and capped\n";
tc_expect_exception(fn () => new MultiBackend(['backendConfigurations' => [['backend' => "File\0Backend"]]]));
tc_expect_exception(fn () => new MultiBackend(['backendConfigurations' => [['backend' => "Multi\0Backend"]]]));
tc_expect_exception(fn () => new MultiBackend(['backendConfigurations' => [['backend' => str_repeat('B', 100) . "\n"]]]));
tc_expect_exception(fn () => new MultiBackend(['backendConfigurations' => ["File\"Back\0end\xff"]]));
tc_expect_exception(fn () => new MultiBackend(['backendConfigurations' => [['backend' => 'FileBackend', "opt\0ions" => []]]]));

echo "== one store, two children\n";
$dir = tc_tmpdir('multi_msg');
$file = ['backend' => 'FileBackend', 'backendOptions' => ['cacheDirectory' => "$dir/a"]];
tc_expect_exception(fn () => new StringFrontend('Same', new MultiBackend(['backendConfigurations' => [$file, $mem, $file]])));
// FileBackend and SimpleFileBackend in one directory are one store too.
tc_expect_exception(fn () => new StringFrontend('Same', new MultiBackend(['backendConfigurations' => [
    $file, ['backend' => 'SimpleFileBackend', 'backendOptions' => ['cacheDirectory' => "$dir/a"]]]])));
$shm = fn (string $app) => ['backend' => 'SharedMemoryBackend', 'backendOptions' => ['segment' => "$dir/segment", 'size' => 1 << 20, 'applicationIdentifier' => $app]];
tc_expect_exception(fn () => new StringFrontend('Same', new MultiBackend(['backendConfigurations' => [$shm('x'), $shm('x')]])));
// Different directories, or one segment with two namespaces, are different stores.
$c = new StringFrontend('Apart', new MultiBackend(['backendConfigurations' => [
    $file, ['backend' => 'FileBackend', 'backendOptions' => ['cacheDirectory' => "$dir/b"]], $shm('x'), $shm('y'), $mem, $mem]]));
$c->set('k', 'v');
var_dump($c->get('k'));

echo "== a lifetime a child cannot keep\n";
$c = new StringFrontend('Life', new MultiBackend(['backendConfigurations' => [
    $mem, ['backend' => 'SimpleFileBackend', 'backendOptions' => ['cacheDirectory' => $dir]]]]));
tc_expect_exception(fn () => $c->set('k', 'v', [], 5));
var_dump($c->has('k'));
$c->set('k', 'v', [], 0);
var_dump($c->get('k'));
?>
--EXPECTF--
== class names shown escaped and capped
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: backend "File\000Backend" must be a native backend class of TagCache\Backend (FileBackend, RedisBackend, ...): no such class
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: backend "Multi\000Backend" must be a native backend class of TagCache\Backend (FileBackend, RedisBackend, ...): no such class
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: backend "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB..." must be a native backend class of TagCache\Backend (FileBackend, RedisBackend, ...): no such class
InvalidArgumentException: MultiBackend option "backendConfigurations" #1 must be an array ['backend' => class name, 'backendOptions' => array], got string "File\"Back\000end\377"
InvalidArgumentException: MultiBackend option "backendConfigurations" #1 has key "opt\000ions": only "backend" and "backendOptions" are known
== one store, two children
%sException: MultiBackend backends #1 (FileBackend) and #3 (FileBackend) keep their entries in the same store (%s/a/Same): a chain needs a different store per backend
%sException: MultiBackend backends #1 (FileBackend) and #2 (SimpleFileBackend) keep their entries in the same store (%s/a/Same): a chain needs a different store per backend
%sException: MultiBackend backends #1 (SharedMemoryBackend) and #2 (SharedMemoryBackend) keep their entries in the same store (%s/segment): a chain needs a different store per backend
string(1) "v"
== a lifetime a child cannot keep
%sException: MultiBackend cannot expire entries (entry "k", lifetime 5): its backend #2 (SimpleFileBackend) keeps no lifetimes: use 0 or null, or a backend with lifetimes such as FileBackend
bool(false)
string(1) "v"
