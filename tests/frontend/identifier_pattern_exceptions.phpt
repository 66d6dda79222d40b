--TEST--
Frontend: bad entry identifiers and tags throw InvalidArgumentException naming value and rule; good edge cases work
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$cache = new VariableFrontend('pattern_exc', new FileBackend(['cacheDirectory' => tc_tmpdir()]));

$bad = ['', 'a/b', 'a.b', 'a:b', 'a b', "caf\u{e9}", '../x', str_repeat('b', 251)];
echo "-- identifiers\n";
foreach ($bad as $id) {
    tc_expect_exception(fn() => $cache->set($id, 1));
    tc_expect_exception(fn() => $cache->get($id));
}
echo "-- has/remove\n";
tc_expect_exception(fn() => $cache->has('a/b'));
tc_expect_exception(fn() => $cache->remove('a.b'));
echo "-- tags\n";
foreach ($bad as $tag) {
    tc_expect_exception(fn() => $cache->set('ok', 1, [$tag]));
}
tc_expect_exception(fn() => $cache->set('ok', 1, [42]));
tc_expect_exception(fn() => $cache->flushByTag('a:b'));
tc_expect_exception(fn() => $cache->flushByTags(['good', 'a b']));
tc_expect_exception(fn() => $cache->getByTag('a/b'));
var_dump($cache->has('ok'));

echo "-- accepted edge cases\n";
$long = str_repeat('z', 250);
$cache->set($long, 'long', [$long]);
$cache->set('p%25&t', 'special', ['t%1&2']);
var_dump($cache->get($long), $cache->get('p%25&t'));
var_dump(array_keys($cache->getByTag($long)) === [$long]);
var_dump($cache->getByTag('t%1&2'));
?>
--EXPECTF--
-- identifiers
InvalidArgumentException: Entry identifier "" (0 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "" (0 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "a/b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "a/b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "a.b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "a.b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "a:b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "a:b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "a b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "a b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "caf%s" (5 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "caf%s" (5 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "../x" (4 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "../x" (4 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"... (251 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"... (251 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
-- has/remove
InvalidArgumentException: Entry identifier "a/b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "a.b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
-- tags
InvalidArgumentException: Tag "" (0 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "a/b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "a.b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "a:b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "a b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "caf%s" (5 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "../x" (4 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"... (251 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tags must be strings, got int
InvalidArgumentException: Tag "a:b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "a b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "a/b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
bool(false)
-- accepted edge cases
string(4) "long"
string(7) "special"
bool(true)
array(1) {
  ["p%25&t"]=>
  string(7) "special"
}
