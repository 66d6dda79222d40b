--TEST--
Array options are copied when the backend is constructed: a reference inside them, changed afterwards, changes nothing
--EXTENSIONS--
tagcache
--FILE--
<?php
// The address is checked at construction; were the array shared, the later change would reach
// the connection (or bypass the check) when the backend is bound to a cache.
$server = '127.0.0.1:1';
$options = ['servers' => [&$server], 'connectTimeout' => 0.2];
$backend = new TagCache\Backend\MemcachedBackend($options);
$server = 'not an address';
$cache = new TagCache\Frontend\VariableFrontend('Copied', $backend);
try {
    $cache->get('x');
    echo "no error\n";
} catch (TagCache\BackendException $e) {
    echo str_contains($e->getMessage(), '127.0.0.1:1') ? "uses the address given\n" : $e->getMessage() . "\n";
    echo str_contains($e->getMessage(), 'not an address') ? "uses the changed value\n" : "ignores the changed value\n";
}

// Nested arrays too: a chain's child options.
$lifetime = 60;
$chain = new TagCache\Backend\TaggableMultiBackend(['backendConfigurations' => [
    ['backend' => 'TransientMemoryBackend', 'backendOptions' => ['defaultLifetime' => &$lifetime]],
]]);
$lifetime = 'sixty';
$cache = new TagCache\Frontend\VariableFrontend('Nested', $chain);
var_dump($cache->set('k', 'v'), $cache->get('k'));
?>
--EXPECT--
uses the address given
ignores the changed value
bool(true)
string(1) "v"
