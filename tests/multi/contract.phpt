--TEST--
TaggableMultiBackend over TransientMemory, File and SharedMemory children: the backend contract through the frontends, writes reach every child, reads come from the first, a miss of the first is the chain's miss
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\MultiBackend;
use TagCache\Backend\SharedMemoryBackend;
use TagCache\Backend\TaggableMultiBackend;
use TagCache\Frontend\PhpFrontend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir('multi');
$segment = "$dir/segment";
function chain(string $dir, string $segment): TaggableMultiBackend
{
    return new TaggableMultiBackend(['backendConfigurations' => [
        ['backend' => 'TransientMemoryBackend'],
        ['backend' => 'FileBackend', 'backendOptions' => ['cacheDirectory' => "$dir/files"]],
        ['backend' => 'TagCache\Backend\SharedMemoryBackend', 'backendOptions' => ['segment' => $segment, 'size' => 1 << 20]],
    ]]);
}
$caches = [
    'variable' => new VariableFrontend('Multi_V', chain($dir, $segment)),
    'string' => new StringFrontend('Multi_S', chain($dir, $segment)),
];
foreach ($caches as $name => $c) {
    echo "== $name\n";
    $b = $c->getBackend();
    $id = $c->getIdentifier();
    // The file and shared-memory children, seen through backends of their own.
    $file = new StringFrontend($id, new FileBackend(['cacheDirectory' => "$dir/files"]));
    $shm = new StringFrontend($id, new SharedMemoryBackend(['segment' => $segment, 'size' => 1 << 20]));
    $c->set('a', 'alpha', ['t1', 't2']);
    $c->set('b', 'beta', ['t1']);
    $c->set('c', 'gamma', ['t3']);
    $c->set('bin', "\0\xff\x01bin");
    var_dump($c->get('a'), $c->has('b'), $c->get('nope'), $c->has('nope'), $c->get('bin') === "\0\xff\x01bin");
    echo 'in every child: ', json_encode([$file->get('a'), $shm->get('a'), $file->getBackend()->findIdentifiersByTag('t1')]), "\n";
    $ids = $b->findIdentifiersByTag('t1');
    sort($ids);
    echo 'findIdentifiersByTag(t1): ', implode(',', $ids), "\n";
    echo 'getByTag(t2): ', json_encode($c->getByTag('t2')), "\n";
    // Reads come from the first child: what only a later child holds is a miss.
    $file->set('only_in_file', 'x');
    var_dump($c->get('only_in_file'), $c->has('only_in_file'));
    var_dump($c->remove('b'), $c->remove('b'), $file->has('b'), $shm->has('b'));
    echo 'flushByTag(t3): ', $c->flushByTag('t3'), ' file: ', json_encode($file->has('c')), ' shm: ', json_encode($shm->has('c')), "\n";
    $c->set('x', 'X', ['p']);
    $c->set('y', 'Y', ['q']);
    echo 'flushByTags([p, q, none]): ', $c->flushByTags(['p', 'q', 'none']), "\n";
    $c->set('short', 'S', [], 1);
    $c->set('long', 'L', [], 0);
    $c->collectGarbage();
    var_dump($c->get('long'));
    $c->flush();
    var_dump($c->has('a'), $file->has('a'), $shm->has('a'), $file->has('only_in_file'));
    echo json_encode(array_column($b->getBackendStates(), 'backend')), "\n";
}
// Bad input reaches the chain's checks like any backend's.
tc_expect_exception(fn () => $caches['string']->set('bad id!', 'x'));
// The plain MultiBackend is not taggable: tags are refused, not dropped.
$plain = new VariableFrontend('Multi_P', new MultiBackend(['backendConfigurations' => [['backend' => 'TransientMemoryBackend']]]));
$plain->set('k', 1);
var_dump($plain->get('k'));
tc_expect_exception(fn () => $plain->set('k', 1, ['t']));
// Children keep PHP entries differently (files, code): a chain is not PHP-capable.
tc_expect_exception(fn () => new PhpFrontend('Multi_Php', chain($dir, $segment)));
var_dump($caches['string']->getBackend() instanceof TagCache\Backend\TaggableBackendInterface, $plain->getBackend() instanceof TagCache\Backend\TaggableBackendInterface);
?>
--EXPECTF--
== variable
string(5) "alpha"
bool(true)
bool(false)
bool(false)
bool(true)
in every child: [%s]
findIdentifiersByTag(t1): a,b
getByTag(t2): {"a":"alpha"}
bool(false)
bool(false)
bool(true)
bool(false)
bool(false)
bool(false)
flushByTag(t3): 1 file: false shm: false
flushByTags([p, q, none]): 2
string(1) "L"
bool(false)
bool(false)
bool(false)
bool(false)
["TransientMemoryBackend","FileBackend","SharedMemoryBackend"]
== string
string(5) "alpha"
bool(true)
bool(false)
bool(false)
bool(true)
in every child: [%s]
findIdentifiersByTag(t1): a,b
getByTag(t2): {"a":"alpha"}
bool(false)
bool(false)
bool(true)
bool(false)
bool(false)
bool(false)
flushByTag(t3): 1 file: false shm: false
flushByTags([p, q, none]): 2
string(1) "L"
bool(false)
bool(false)
bool(false)
bool(false)
["TransientMemoryBackend","FileBackend","SharedMemoryBackend"]
InvalidArgumentException: Entry identifier "bad id!" (7 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
int(1)
NotSupportedByBackendException: MultiBackend cannot store tags (entry "k" of cache "Multi_P"): use a backend with tags such as FileBackend
NotSupportedByBackendException: PhpFrontend "Multi_Php" needs a backend that implements PhpCapableBackendInterface, got TagCache\Backend\TaggableMultiBackend
bool(true)
bool(false)
