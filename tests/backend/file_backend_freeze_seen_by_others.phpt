--TEST--
FileBackend: a freeze or thaw by one backend object is seen at once by another object on the same directory
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir();
$a = new StringFrontend('Shared', new FileBackend(['cacheDirectory' => $dir]));
$b = new StringFrontend('Shared', new FileBackend(['cacheDirectory' => $dir]));
$a->set('x', 'one', ['t']);
var_dump($b->getBackend()->isFrozen());

$a->getBackend()->freeze();
var_dump($b->getBackend()->isFrozen());
foreach ([fn() => $b->set('y', 'two'), fn() => $b->remove('x'), fn() => $b->flushByTag('t')] as $write) {
    try {
        $write();
        echo "write went through\n";
    } catch (TagCache\FrozenCacheException $e) {
        echo get_class($e), "\n";
    }
}
var_dump($b->get('x'));

$b->flush();   // thaws for everybody
var_dump($a->getBackend()->isFrozen());
$a->set('z', 'three');
var_dump($b->get('z'));
?>
--EXPECT--
bool(false)
bool(true)
TagCache\FrozenCacheException
TagCache\FrozenCacheException
TagCache\FrozenCacheException
string(3) "one"
bool(false)
string(5) "three"
