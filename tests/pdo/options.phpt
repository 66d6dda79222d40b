--TEST--
PdoBackend options and bad input: a missing or foreign dataSourceName, an unusable database, a table of another shape, subclasses and uninitialised objects: each a clear exception, nothing crashes
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/pdo_helpers.inc'; tc_pdo_skipif('sqlite'); ?>
--FILE--
<?php
require __DIR__ . '/pdo_helpers.inc';
use TagCache\Backend\PdoBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir('pdo-options');
function show(callable $fn): void
{
    try {
        $r = $fn();
        echo 'ok: ', var_export($r, true), "\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

echo "== construction\n";
show(fn() => new PdoBackend());
show(fn() => new PdoBackend(['username' => 'u']));
show(fn() => new PdoBackend(['dataSourceName' => 'pgsql:host=127.0.0.1;password=hunter2-secret-dsn;x']) && 'constructed');
show(fn() => new PdoBackend(['dataSourceName' => 'secret-without-colon']));
show(fn() => new PdoBackend(['dataSourceName' => 'sqlite::memory:', 'tagsTableName' => '1tags']));
show(fn() => new PdoBackend(['dataSourceName' => 'sqlite::memory:', 'cacheTableName' => str_repeat('t', 65)]));
show(fn() => new PdoBackend(['dataSourceName' => 'sqlite::memory:', 'driverOptions' => 'x']));
show(fn() => new PdoBackend(['dataSourceName' => 'sqlite::memory:', 'defaultLifetime' => -1]));
show(fn() => new PdoBackend(['dataSourceName' => 'sqlite::memory:', 'applicationIdentifier' => 'a:b']));

echo "== limits: table names fit every derived index name, batchSize is what is used, PDO's statements only\n";
show(fn() => new PdoBackend(['dataSourceName' => 'sqlite::memory:', 'cacheTableName' => str_repeat('t', 53)]));
$long = new VariableFrontend('Long', new PdoBackend(['dataSourceName' => "sqlite:$dir/long.sqlite", 'cacheTableName' => str_repeat('c', 52), 'tagsTableName' => str_repeat('g', 52)]));
$long->set('a', 'long names', ['t']);
show(fn() => [$long->get('a'), $long->getByTag('t')]);
show(fn() => new PdoBackend(['dataSourceName' => 'sqlite::memory:', 'batchSize' => 301]));
$wide = new VariableFrontend('Wide', new PdoBackend(['dataSourceName' => "sqlite:$dir/wide.sqlite", 'batchSize' => 300]));
$tags = array_map(fn($i) => "t$i", range(1, 650));
$wide->set('a', 'many tags', $tags);
show(fn() => [count($wide->getByTag('t650')), $wide->flushByTag('t1'), $wide->has('a')]);
class ReentrantStatement extends PDOStatement
{
}
show(fn() => new PdoBackend(['dataSourceName' => 'sqlite::memory:', 'driverOptions' => [PDO::ATTR_STATEMENT_CLASS => [ReentrantStatement::class]]]));

echo "== the database cannot be used\n";
$b = new PdoBackend(['dataSourceName' => "sqlite:$dir/no/such/dir/cache.sqlite", 'password' => 'hunter2-secret']);
$c = new VariableFrontend('C', $b);
show(fn() => $c->set('a', 1));
show(fn() => $c->get('a'));
show(fn() => $b->setup());
// a good one right after: no exception was left pending, the backend works
$good = new VariableFrontend('C', new PdoBackend(['dataSourceName' => "sqlite:$dir/cache.sqlite", 'driverOptions' => [PDO::ATTR_TIMEOUT => 5]]));
$good->set('a', 1, ['t']);
show(fn() => $good->get('a'));

echo "== a table of another shape\n";
$pdo = new PDO("sqlite:$dir/other.sqlite");
$pdo->exec('CREATE TABLE cache (id INTEGER)');
$odd = new VariableFrontend('C', new PdoBackend(['dataSourceName' => "sqlite:$dir/other.sqlite"]));
show(fn() => $odd->set('a', 1, ['t']));
show(fn() => $odd->get('a'));
show(fn() => $odd->flushByTag('t'));

echo "== setup and DDL on SQLite\n";
$s = new PdoBackend(['dataSourceName' => "sqlite:$dir/setup.sqlite"]);
var_dump($s->getSetupSql() === tc_pdo_shipped_sql('sqlite'), $s->getCacheKey());
$s->setup();
echo implode(',', (new PDO("sqlite:$dir/setup.sqlite"))->query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")->fetchAll(PDO::FETCH_COLUMN)), "\n";
// written in WAL mode (set took ~10 times longer with a rollback journal)
echo (new PDO("sqlite:$dir/setup.sqlite"))->query('PRAGMA journal_mode')->fetchColumn(), "\n";

echo "== subclasses and objects never constructed\n";
class MyPdo extends PdoBackend
{
}
$my = new VariableFrontend('Mine', new MyPdo(['dataSourceName' => "sqlite:$dir/cache.sqlite"]));
$my->set('x', 'sub', ['t']);
show(fn() => [$my->get('x'), $good->get('a')]);
$raw = (new ReflectionClass(PdoBackend::class))->newInstanceWithoutConstructor();
show(fn() => $raw->setup());
show(fn() => $raw->getSetupSql());
show(fn() => $raw->getCacheKey());
show(fn() => $raw->get('a'));
show(fn() => new VariableFrontend('Raw', $raw));
$twice = new PdoBackend(['dataSourceName' => "sqlite:$dir/cache.sqlite"]);
show(fn() => $twice->__construct(['dataSourceName' => "sqlite:$dir/cache.sqlite"]));
show(fn() => serialize($twice));

echo "== values in messages are escaped and capped\n";
show(fn() => new PdoBackend(['dataSourceName' => 'sqlite::memory:', 'cacheTableName' => str_repeat("\e[31m", 100)]));
show(fn() => new PdoBackend(['dataSourceName' => "od\e[31mbc\n:x"]));
show(fn() => new PdoBackend(['dataSourceName' => 'sqlite::memory:', 'driverOptions' => ["k\e[31m\0" => 1]]));

echo "== a persistent connection (PDO refuses a statement class on it)\n";
foreach ([true, 'tc-pool'] as $persistent) {
    $p = new VariableFrontend('Persist', new PdoBackend(['dataSourceName' => "sqlite:$dir/persistent.sqlite", 'driverOptions' => [PDO::ATTR_PERSISTENT => $persistent]]));
    $p->set('a', 'kept', ['t']);
    $p->set('b', 'other', ['u']);
    show(fn() => [$p->get('a'), $p->flushByTag('t'), $p->has('a'), $p->get('b')]);
}

?>
--EXPECT--
== construction
TagCache\InvalidArgumentException: PdoBackend option "dataSourceName" is required: a PDO DSN such as "sqlite:/path/cache.sqlite", "mysql:host=127.0.0.1;dbname=app" or "pgsql:host=127.0.0.1;dbname=app"
TagCache\InvalidArgumentException: PdoBackend option "dataSourceName" is required: a PDO DSN such as "sqlite:/path/cache.sqlite", "mysql:host=127.0.0.1;dbname=app" or "pgsql:host=127.0.0.1;dbname=app"
ok: true
TagCache\InvalidArgumentException: PdoBackend option "dataSourceName" has no "driver:" prefix: it must start with "sqlite:", "mysql:" or "pgsql:" (the value is not shown, it may hold a password)
TagCache\InvalidArgumentException: PdoBackend option "tagsTableName" "1tags" is not a table name: it must match /^[A-Za-z_][A-Za-z0-9_]{0,51}$/ (at most 52 characters, so the index names derived from it fit)
TagCache\InvalidArgumentException: PdoBackend option "cacheTableName" "ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt" is not a table name: it must match /^[A-Za-z_][A-Za-z0-9_]{0,51}$/ (at most 52 characters, so the index names derived from it fit)
TagCache\InvalidArgumentException: PdoBackend option "driverOptions" must be an array, got string "x"
TagCache\InvalidArgumentException: PdoBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got int "-1"
TagCache\InvalidArgumentException: Application identifier "a:b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
== limits: table names fit every derived index name, batchSize is what is used, PDO's statements only
TagCache\InvalidArgumentException: PdoBackend option "cacheTableName" "ttttttttttttttttttttttttttttttttttttttttttttttttttttt" is not a table name: it must match /^[A-Za-z_][A-Za-z0-9_]{0,51}$/ (at most 52 characters, so the index names derived from it fit)
ok: array (
  0 => 'long names',
  1 => 
  array (
    'a' => 'long names',
  ),
)
TagCache\InvalidArgumentException: PdoBackend option "batchSize" must be an integer from 1 to 300 (rows per multi-row statement; at most 300: SQLite's 999 parameters), got int "301"
ok: array (
  0 => 1,
  1 => 1,
  2 => false,
)
TagCache\InvalidArgumentException: PdoBackend option "driverOptions" sets PDO::ATTR_STATEMENT_CLASS: not allowed, the backend's statements are always PDOStatement
== the database cannot be used
TagCache\BackendException: PdoBackend: set failed: connecting: SQLSTATE[HY000] [14] unable to open database file
TagCache\BackendException: PdoBackend: get failed: connecting: SQLSTATE[HY000] [14] unable to open database file
TagCache\BackendException: PdoBackend: setup failed: connecting: SQLSTATE[HY000] [14] unable to open database file
ok: 1
== a table of another shape
TagCache\BackendException: PdoBackend: set failed: prepare: SQLSTATE[HY000]: General error: 1 no such column: cache
TagCache\BackendException: PdoBackend: get failed: prepare: SQLSTATE[HY000]: General error: 1 no such column: cache
TagCache\BackendException: PdoBackend: flushByTags failed: prepare: SQLSTATE[HY000]: General error: 1 no such column: cache
== setup and DDL on SQLite
bool(true)
NULL
cache,tags
wal
== subclasses and objects never constructed
ok: array (
  0 => 'sub',
  1 => 1,
)
Error: PdoBackend is not constructed
Error: PdoBackend is not constructed
ok: NULL
TagCache\NotSupportedByBackendException: This PdoBackend serves no cache yet: pass it to a frontend (which calls setCache()) before using it
TagCache\InvalidArgumentException: PdoBackend option "dataSourceName" is required
Error: PdoBackend is already constructed
Exception: Serialization of 'TagCache\Backend\PdoBackend' is not allowed
== values in messages are escaped and capped
TagCache\InvalidArgumentException: PdoBackend option "cacheTableName" "\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m\033[31m..." is not a table name: it must match /^[A-Za-z_][A-Za-z0-9_]{0,51}$/ (at most 52 characters, so the index names derived from it fit)
TagCache\InvalidArgumentException: PdoBackend option "dataSourceName" names the PDO driver "od\033[31mbc\n": it must start with "sqlite:", "mysql:" or "pgsql:" (the rest of the value is not shown, it may hold a password)
TagCache\InvalidArgumentException: PdoBackend option "driverOptions" has the key "k\033[31m\000": it must be an array of PDO attribute constants (integers, e.g. PDO::ATTR_TIMEOUT) to values
== a persistent connection (PDO refuses a statement class on it)
ok: array (
  0 => 'kept',
  1 => 1,
  2 => false,
  3 => 'other',
)
ok: array (
  0 => 'kept',
  1 => 1,
  2 => false,
  3 => 'other',
)
