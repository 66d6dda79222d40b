--TEST--
TaggableMultiBackend with two PdoBackend children: two SQLite files, or one file with other tables, are different stores (accepted, each keeps its copy); the same DSN and tables twice are refused naming positions and location only, never the DSN
--EXTENSIONS--
tagcache
pdo_sqlite
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\TaggableMultiBackend;
use TagCache\Backend\PdoBackend;
use TagCache\Frontend\StringFrontend;

$dir = tc_tmpdir('multi_pdo');
$pdo = fn (string $file, array $more = []) => ['backend' => 'PdoBackend',
    'backendOptions' => ['dataSourceName' => "sqlite:$dir/$file"] + $more];

echo "== two files\n";
$c = new StringFrontend('Two', new TaggableMultiBackend(['backendConfigurations' => [$pdo('a.sqlite'), $pdo('b.sqlite')]]));
$c->set('k', 'v', ['t']);
var_dump($c->get('k'));
// each file holds its own copy
foreach (['a.sqlite', 'b.sqlite'] as $f) {
    $one = new StringFrontend('Two', new PdoBackend(['dataSourceName' => "sqlite:$dir/$f"]));
    var_dump($one->get('k'));
}
var_dump($c->flushByTag('t') >= 1, $c->has('k'));

echo "== one file, other tables\n";
$c = new StringFrontend('Tables', new TaggableMultiBackend(['backendConfigurations' => [
    $pdo('a.sqlite'), $pdo('a.sqlite', ['cacheTableName' => 'cache2', 'tagsTableName' => 'tags2'])]]));
$c->set('k', 'w');
var_dump($c->get('k'));
$one = new StringFrontend('Tables', new PdoBackend(['dataSourceName' => "sqlite:$dir/a.sqlite", 'cacheTableName' => 'cache2', 'tagsTableName' => 'tags2']));
var_dump($one->get('k'));

echo "== the same store twice\n";
$e = tc_expect_exception(fn () => new StringFrontend('Same', new TaggableMultiBackend(['backendConfigurations' => [
    $pdo('a.sqlite'), ['backend' => 'TransientMemoryBackend'], $pdo('a.sqlite')]])));
var_dump(str_contains($e->getMessage(), $dir));
// only the cache table differs: still two stores
$c = new StringFrontend('Same', new TaggableMultiBackend(['backendConfigurations' => [
    $pdo('a.sqlite'), $pdo('a.sqlite', ['cacheTableName' => 'cache3'])]]));
var_dump($c->has('k'));
?>
--EXPECTF--
== two files
string(1) "v"
string(1) "v"
string(1) "v"
bool(true)
bool(false)
== one file, other tables
string(1) "w"
string(1) "w"
== the same store twice
%sException: TaggableMultiBackend backends #1 (PdoBackend) and #3 (PdoBackend) keep their entries in the same store (default:Same): a chain needs a different store per backend
bool(false)
bool(false)
