--TEST--
PdoBackend on SQLite: memory_limit exhausted in the middle of a set (inside its transaction) is PHP's fatal error and stops the script; a shutdown function using the same backend finds the entry with its old value and tags (the half-done transaction was never committed: its connection is dropped, not reused) and can write again
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
use TagCache\Frontend\StringFrontend;

// registered first: it runs before tc_tmpdir's removal of the folder
$dir = $c = null;
register_shutdown_function(function () use (&$dir, &$c) {
    if ($c) {
        shutdown_use($c, $dir);
    }
});
$dir = tc_tmpdir('pdo-memset');
$c = new StringFrontend('C', new PdoBackend(['dataSourceName' => "sqlite:$dir/c.sqlite"]));
$c->set('e', 'old', ['t1', 't2']);
function shutdown_use($c, string $dir): void
{
    ini_set('memory_limit', '-1');
    echo "shutdown: ", $c->get('e'), ' ', implode(',', array_keys($c->getByTag('t1'))), ' ', implode(',', array_keys($c->getByTag('t2'))), ' [', implode(',', array_keys($c->getByTag('new'))), "]\n";
    $c->set('e', 'newer', ['t3']);
    $pdo = new PDO("sqlite:$dir/c.sqlite");
    echo "committed: ", $pdo->query("SELECT count(*) FROM cache")->fetchColumn(), ' ', implode(',', $pdo->query("SELECT tag FROM tags ORDER BY tag")->fetchAll(PDO::FETCH_COLUMN)), "\n";
}
$size = 3000000;
$big = str_repeat('x', $size);
// room for less than one more copy of the payload: binding it exceeds the limit
ini_set('memory_limit', (string)(memory_get_usage(true) + intdiv($size, 2)));
echo "set big\n";
$c->set('e', $big, ['new']);
echo "not reached\n";
?>
--EXPECTF--
set big

Fatal error: Allowed memory size of %d bytes exhausted (tried to allocate %d bytes) in %s on line %d
shutdown: old e e []
committed: 1 t3
