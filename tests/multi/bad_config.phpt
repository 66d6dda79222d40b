--TEST--
MultiBackend / TaggableMultiBackend: every broken backendConfigurations gets an exception naming the position, the value and the rule; class names with or without namespace and leading backslash; setInAllBackends false writes the first child only
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\MultiBackend;
use TagCache\Backend\TaggableMultiBackend;
use TagCache\Frontend\StringFrontend;

class MyFileBackend extends FileBackend {}
$mem = ['backend' => 'TransientMemoryBackend'];
$cases = [
    [],
    ['a' => $mem],
    [1 => $mem],
    ['FileBackend'],
    [$mem, ['backendOptions' => []]],
    [['backend' => 42]],
    [['backend' => '']],
    [['backend' => 'NoSuchBackend']],
    [['backend' => 'stdClass']],
    [['backend' => 'MyFileBackend']],
    [['backend' => 'TaggableMultiBackend', 'backendOptions' => ['backendConfigurations' => [$mem]]]],
    [['backend' => 'MultiBackend']],
    [['backend' => 'FileBackend', 'options' => []]],
    [['backend' => 'FileBackend', 'backendOptions' => 'x']],
    [$mem, ['backend' => 'FileBackend', 'backendOptions' => ['defaultLifetime' => -1]]],
    [$mem, ['backend' => 'RedisBackend', 'backendOptions' => ['password' => "se\0cret"]]],
];
foreach ([MultiBackend::class, TaggableMultiBackend::class] as $class) {
    echo "== $class\n";
    foreach ($cases as $list) {
        tc_expect_exception(fn () => new $class(['backendConfigurations' => $list]));
    }
}
tc_expect_exception(fn () => new TaggableMultiBackend(['backendConfigurations' => [$mem, ['backend' => 'SimpleFileBackend']]]));
tc_expect_exception(fn () => new TaggableMultiBackend(['backendConfigurations' => [$mem], 'retryInterval' => 'soon']));
tc_expect_exception(fn () => new MultiBackend(['setInAllBackends' => false]));
// Not bound to a cache yet.
tc_expect_exception(fn () => (new MultiBackend(['backendConfigurations' => [$mem]]))->get('x'));
tc_expect_exception(fn () => (new MultiBackend(['backendConfigurations' => [$mem]]))->getBackendStates());

echo "== names accepted\n";
$dir = tc_tmpdir('multi');
foreach (['FileBackend', '\TagCache\Backend\FileBackend', 'TagCache\Backend\FileBackend', '\FileBackend'] as $i => $name) {
    $c = new StringFrontend("Names_$i", new TaggableMultiBackend(['backendConfigurations' => [['backend' => $name, 'backendOptions' => ['cacheDirectory' => $dir]]]]));
    $c->set('k', $name, ['t']);
    echo $c->get('k'), ' ', json_encode(is_file("$dir/Names_$i/k") || count(glob("$dir/Names_$i/*")) > 0), "\n";
}

echo "== setInAllBackends false\n";
$c = new StringFrontend('FirstOnly', new MultiBackend(['backendConfigurations' => [
    ['backend' => 'FileBackend', 'backendOptions' => ['cacheDirectory' => "$dir/one"]],
    ['backend' => 'FileBackend', 'backendOptions' => ['cacheDirectory' => "$dir/two"]],
], 'setInAllBackends' => false]));
$one = new StringFrontend('FirstOnly', new FileBackend(['cacheDirectory' => "$dir/one"]));
$two = new StringFrontend('FirstOnly', new FileBackend(['cacheDirectory' => "$dir/two"]));
$two->set('k', 'older');
$c->set('k', 'newer');
var_dump($one->get('k'), $two->get('k'), $c->get('k'));
// The second missed the write: its older copy was removed at once (for every reader of that
// directory, not only this chain object), so it needs no flush.
echo json_encode(array_column($c->getBackend()->getBackendStates(), 'needsFlush')), "\n";
?>
--EXPECT--
== TagCache\Backend\MultiBackend
InvalidArgumentException: MultiBackend option "backendConfigurations" must be a non-empty list of ['backend' => class name, 'backendOptions' => array], got an empty array
InvalidArgumentException: MultiBackend option "backendConfigurations" must be a non-empty list of ['backend' => class name, 'backendOptions' => array], got an array with keys
InvalidArgumentException: MultiBackend option "backendConfigurations" must be a non-empty list of ['backend' => class name, 'backendOptions' => array], got an array with keys
InvalidArgumentException: MultiBackend option "backendConfigurations" #1 must be an array ['backend' => class name, 'backendOptions' => array], got string "FileBackend"
InvalidArgumentException: MultiBackend option "backendConfigurations" #2: "backend" must be a non-empty class name string, got nothing
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: "backend" must be a non-empty class name string, got int
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: "backend" must be a non-empty class name string, got an empty string
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: backend "NoSuchBackend" must be a native backend class of TagCache\Backend (FileBackend, RedisBackend, ...): no such class
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: backend "stdClass" must be a native backend class of TagCache\Backend (FileBackend, RedisBackend, ...): a class of its own is not native
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: backend "MyFileBackend" must be a native backend class of TagCache\Backend (FileBackend, RedisBackend, ...): a subclass is not native
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: backend "TaggableMultiBackend" cannot be a chain itself: list its backends here instead
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: backend "MultiBackend" cannot be a chain itself: list its backends here instead
InvalidArgumentException: MultiBackend option "backendConfigurations" #1 has key "options": only "backend" and "backendOptions" are known
InvalidArgumentException: MultiBackend option "backendConfigurations" #1: "backendOptions" must be an array, got string
InvalidArgumentException: MultiBackend option "backendConfigurations" #2 (FileBackend): FileBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got int "-1"
InvalidArgumentException: MultiBackend option "backendConfigurations" #2 (RedisBackend): RedisBackend option "password" must be a string without NUL bytes or null, got string
== TagCache\Backend\TaggableMultiBackend
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" must be a non-empty list of ['backend' => class name, 'backendOptions' => array], got an empty array
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" must be a non-empty list of ['backend' => class name, 'backendOptions' => array], got an array with keys
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" must be a non-empty list of ['backend' => class name, 'backendOptions' => array], got an array with keys
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1 must be an array ['backend' => class name, 'backendOptions' => array], got string "FileBackend"
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #2: "backend" must be a non-empty class name string, got nothing
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1: "backend" must be a non-empty class name string, got int
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1: "backend" must be a non-empty class name string, got an empty string
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1: backend "NoSuchBackend" must be a native backend class of TagCache\Backend (FileBackend, RedisBackend, ...): no such class
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1: backend "stdClass" must be a native backend class of TagCache\Backend (FileBackend, RedisBackend, ...): a class of its own is not native
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1: backend "MyFileBackend" must be a native backend class of TagCache\Backend (FileBackend, RedisBackend, ...): a subclass is not native
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1: backend "TaggableMultiBackend" cannot be a chain itself: list its backends here instead
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1: backend "MultiBackend" cannot be a chain itself: list its backends here instead
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1 has key "options": only "backend" and "backendOptions" are known
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1: "backendOptions" must be an array, got string
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #2 (FileBackend): FileBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got int "-1"
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #2 (RedisBackend): RedisBackend option "password" must be a string without NUL bytes or null, got string
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #2: backend "SimpleFileBackend" must be taggable (implement TaggableBackendInterface): a chain that flushes by tag needs every child to
InvalidArgumentException: TaggableMultiBackend option "retryInterval" must be a number of seconds > 0 and <= 86400 (back-off of a failed backend, doubled per further failure up to 64 times), got string "soon"
InvalidArgumentException: MultiBackend option "backendConfigurations" must be given: a non-empty list of ['backend' => class name, 'backendOptions' => array]
NotSupportedByBackendException: This MultiBackend serves no cache yet: pass it to a frontend (which calls setCache()) before using it
NotSupportedByBackendException: This MultiBackend serves no cache yet: pass it to a frontend (which calls setCache()) before using it
== names accepted
FileBackend true
\TagCache\Backend\FileBackend true
TagCache\Backend\FileBackend true
\FileBackend true
== setInAllBackends false
string(5) "newer"
bool(false)
string(5) "newer"
[false,false]
