--TEST--
PdoBackend on MariaDB: a forked child that uses and drops the backend leaves the parent's session alone (the parent's next get works at once); 52-character table names (the longest accepted) set up and work
--EXTENSIONS--
tagcache
pcntl
posix
--SKIPIF--
<?php require __DIR__ . '/pdo_helpers.inc'; tc_pdo_skipif('mariadb'); ?>
--FILE--
<?php
require __DIR__ . '/pdo_helpers.inc';
use TagCache\Backend\PdoBackend;
use TagCache\Frontend\StringFrontend;

$server = tc_pdo_start('mariadb');
$backend = new PdoBackend(tc_pdo_options($server));
$backend->setup();
$c = new StringFrontend('Proc', $backend);
$c->set('a', 'parent', ['t']);

echo "== longest table names\n";
$long = new PdoBackend(tc_pdo_options($server, ['cacheTableName' => str_repeat('c', 52), 'tagsTableName' => str_repeat('g', 52)]));
$long->setup();
$l = new StringFrontend('Long', $long);
$l->set('x', 'long names', ['t']);
echo $l->get('x'), ' ', implode(',', array_keys($l->getByTag('t'))), "\n";

echo "== fork\n";
$pid = pcntl_fork();
if ($pid === 0) {
    // the child uses the backend it inherited, then drops it, as a worker would
    $got = $c->get('a');
    $c->set('child', 'from the child', ['t']);
    unset($c, $backend, $l, $long);
    gc_collect_cycles();
    echo "child: got ", $got, "\n";
    // no shutdown functions: they belong to the parent (they stop the server)
    posix_kill(posix_getpid(), SIGKILL);
}
pcntl_waitpid($pid, $status);
echo "parent: ", $c->get('a'), ', ', $c->get('child'), ', ', implode(',', array_keys($c->getByTag('t'))), "\n";
$c->set('a', 'parent again', ['t']);
echo "parent: ", $c->get('a'), "\n";

?>
--EXPECTF--
== longest table names
long names x
== fork
child: got parent
parent: parent, from the child, a,child
parent: parent again
