--TEST--
Frontend: an expired entry is invisible to get, has, getByTag, findIdentifiersByTag, iteration and requireOnce
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\PhpFrontend;

$dir = tc_tmpdir();
$fileBackend = new FileBackend(['cacheDirectory' => $dir]);
$memBackend = new TransientMemoryBackend();
$phpBackend = new FileBackend(['cacheDirectory' => $dir]);
$caches = [
    'file' => new VariableFrontend('exp_f', $fileBackend),
    'memory' => new VariableFrontend('exp_m', $memBackend),
];
$php = new PhpFrontend('exp_php', $phpBackend);
foreach ($caches as $cache) {
    $cache->set('short', 'gone soon', ['t'], 3);   // room for a slow (valgrind) first look
    $cache->set('keep', 'stays', ['t'], 0);
}
$php->set('short', 'return "included";', ['t'], 3);

function show(string $name, $cache): void
{
    $backend = $cache->getBackend();
    $ids = $backend->findIdentifiersByTag('t');
    sort($ids);
    $byTag = $cache->getByTag('t');
    ksort($byTag);
    $iter = [];
    foreach ($backend as $id => $value) {
        $iter[] = $id;
    }
    sort($iter);
    printf("%s: get=%s has=%s getByTag=%s find=%s iter=%s\n", $name,
        var_export($cache->get('short'), true), var_export($cache->has('short'), true),
        implode(',', array_keys($byTag)), implode(',', $ids), implode(',', $iter));
}
foreach ($caches as $name => $cache) {
    show($name, $cache);
}
var_dump($php->has('short'));
sleep(4);
echo "-- after 4s\n";
foreach ($caches as $name => $cache) {
    show($name, $cache);
}
var_dump($php->has('short'), $php->get('short'), $php->requireOnce('short'));
var_dump($fileBackend->get('short'), $memBackend->get('short'));
?>
--EXPECT--
file: get='gone soon' has=true getByTag=keep,short find=keep,short iter=keep,short
memory: get='gone soon' has=true getByTag=keep,short find=keep,short iter=keep,short
bool(true)
-- after 4s
file: get=false has=false getByTag=keep find=keep iter=keep
memory: get=false has=false getByTag=keep find=keep iter=keep
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
