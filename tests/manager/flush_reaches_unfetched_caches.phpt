--TEST--
CacheManager: flushes reach the stored entries of configured caches this manager never fetched
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\CacheManager;

$dir = tc_tmpdir();
$config = [
    'Default' => ['frontend' => 'VariableFrontend', 'backend' => 'FileBackend'],
    'One' => [],
    'Two' => ['frontend' => 'StringFrontend'],
    'Simple' => ['backend' => 'SimpleFileBackend'],
];
$options = ['cacheDirectory' => $dir, 'applicationIdentifier' => 'unfetched'];
function fill(array $config, array $options): void {
    $writer = new CacheManager($config, $options);
    $writer->getCache('One')->set('a', 'one-a', ['t']);
    $writer->getCache('One')->set('b', 'one-b', ['u']);
    $writer->getCache('Two')->set('a', 'two-a', ['t']);
    $writer->getCache('Simple')->set('a', 'simple-a');
}
function show(array $config, array $options): void {
    $reader = new CacheManager($config, $options);
    printf("One/a=%s One/b=%s Two/a=%s Simple/a=%s\n",
        var_export($reader->getCache('One')->get('a'), true), var_export($reader->getCache('One')->get('b'), true),
        var_export($reader->getCache('Two')->get('a'), true), var_export($reader->getCache('Simple')->get('a'), true));
}
fill($config, $options);
show($config, $options);
echo "-- flushCachesByTag from a fresh manager (Simple has no tags: skipped)\n";
$flusher = new CacheManager($config, $options);
var_dump($flusher->flushCachesByTag('t'));
show($config, $options);
echo "-- flushCachesByTags\n";
fill($config, $options);
var_dump((new CacheManager($config, $options))->flushCachesByTags(['t', 'u']));
show($config, $options);
echo "-- flushCaches\n";
fill($config, $options);
(new CacheManager($config, $options))->flushCaches();
show($config, $options);
?>
--EXPECT--
One/a='one-a' One/b='one-b' Two/a='two-a' Simple/a='simple-a'
-- flushCachesByTag from a fresh manager (Simple has no tags: skipped)
int(2)
One/a=false One/b='one-b' Two/a=false Simple/a='simple-a'
-- flushCachesByTags
int(3)
One/a=false One/b=false Two/a=false Simple/a='simple-a'
-- flushCaches
One/a=false One/b=false Two/a=false Simple/a=false
