--TEST--
PdoBackend on SQLite: memory_limit exhausted while PDO fetches a large entry is PHP's fatal error, shown, and the script stops there; a shutdown function then uses the same backend (a new connection: the abandoned operation's is dropped) and finds every entry as it was
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/pdo_helpers.inc'; tc_pdo_skipif('sqlite');
// under valgrind (USE_ZEND_ALLOC=0) PHP enforces no memory_limit
if (getenv('USE_ZEND_ALLOC') === '0') die('skip memory_limit is not enforced without the Zend allocator'); ?>
--FILE--
<?php
require __DIR__ . '/pdo_helpers.inc';
use TagCache\Backend\PdoBackend;
use TagCache\Frontend\VariableFrontend;

// registered first: it runs before tc_tmpdir's removal of the folder
$dir = $c = null;
register_shutdown_function(function () use (&$dir, &$c) {
    if ($c) {
        shutdown_use($c, $dir);
    }
});
$dir = tc_tmpdir('pdo-memget');
$c = new VariableFrontend('C', new PdoBackend(['dataSourceName' => "sqlite:$dir/c.sqlite"]));
$c->set('small', 'old', ['t']);
$size = 3000000;
$c->set('big', str_repeat('x', $size), ['t']);
function shutdown_use($c, string $dir): void
{
    ini_set('memory_limit', '-1');
    echo "shutdown: ", $c->get('small'), ' ', strlen($c->get('big')), ' ';
    $ids = array_keys($c->getByTag('t'));
    sort($ids);
    echo implode(',', $ids), "\n";
    $c->set('small', 'new', ['u']);
    $pdo = new PDO("sqlite:$dir/c.sqlite");
    echo "committed: ", $pdo->query("SELECT identifier FROM tags WHERE tag = 'u'")->fetchColumn(), "\n";
    echo "error_reporting restored: ", var_export(error_reporting() === E_ALL, true), "\n";
}
error_reporting(E_ALL);
// room for less than the entry: PDO's fetch of it exceeds the limit
ini_set('memory_limit', (string)(memory_get_usage(true) + intdiv($size, 2)));
echo "get big\n";
$v = $c->get('big');
echo "not reached\n";
?>
--EXPECTF--
get big

Fatal error: Allowed memory size of %d bytes exhausted (tried to allocate %d bytes) in %s on line %d
shutdown: old 3000000 big,small
committed: small
error_reporting restored: true
