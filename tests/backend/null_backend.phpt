--TEST--
NullBackend: stores nothing, every read is a miss, every method works
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\NullBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\PhpFrontend;

$backend = new NullBackend(['defaultLifetime' => 10]);
var_dump($backend instanceof TagCache\Backend\TaggableBackendInterface,
    $backend instanceof TagCache\Backend\PhpCapableBackendInterface);
$cache = new VariableFrontend('null', $backend);
$cache->set('a', 'value', ['t'], 60);
$backend->set('b', 'value', ['t']);
var_dump($cache->get('a'), $cache->has('a'), $backend->get('b'), $backend->has('b'));
var_dump($cache->remove('a'), $backend->remove('b'));
var_dump($cache->getByTag('t'), $backend->findIdentifiersByTag('t'));
var_dump($cache->flushByTag('t'), $cache->flushByTags(['t', 'u']), $backend->flushByTag('t'), $backend->flushByTags(['t']));
$cache->flush();
$cache->collectGarbage();
$backend->flush();
$backend->collectGarbage();
var_dump($backend->requireOnce('a'));
$php = new PhpFrontend('null_php', new NullBackend());
$php->set('code', 'return 1;');
var_dump($php->get('code'), $php->requireOnce('code'));
tc_expect_exception(fn() => $cache->set('x', 1, [], -1));
tc_expect_exception(fn() => new NullBackend(['cacheDirectory' => '/tmp']));
tc_expect_exception(fn() => new NullBackend(['defaultLifetime' => -3]));
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
array(0) {
}
array(0) {
}
int(0)
int(0)
int(0)
int(0)
bool(false)
bool(false)
bool(false)
InvalidArgumentException: Lifetime -1 is negative: use null for the default, 0 for unlimited or a number of seconds
InvalidArgumentException: NullBackend has no option "cacheDirectory"; known options: defaultLifetime
InvalidArgumentException: NullBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got int "-3"
