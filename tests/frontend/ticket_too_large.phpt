--TEST--
A write ticket a backend hands out that does not fit a PHP int (the FileBackend's counter set past PHP_INT_MAX in its epochs file) throws a BackendException naming the ticket and the limit from ticket() and get(..., $ticket); it is never clamped
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (PHP_INT_SIZE !== 8) die('skip the epochs file is written as 64-bit words here'); ?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

$c = new VariableFrontend('Big', new FileBackend(['cacheDirectory' => tc_tmpdir()]));
$dir = rtrim($c->getBackend()->getCacheDirectory(), '/');
$before = $c->ticket();
// word 1 of the shared mapping is the ticket counter: 2^63, one past PHP_INT_MAX
$h = fopen("$dir/epochs", 'r+');
fseek($h, 8);
fwrite($h, pack('P', PHP_INT_MIN));
fclose($h);
foreach (['ticket()' => fn() => $c->ticket(), 'get()' => fn() => $c->get('a', $t)] as $what => $op) {
    echo "$what: ";
    tc_expect_exception($op);
}
var_dump($t ?? 'unset');
// a plain get without a ticket still reads
$c->set('a', 1);
var_dump($c->get('a'));
?>
--EXPECT--
ticket(): BackendException: Backend TagCache\Backend\FileBackend of cache "Big" handed out ticket 9223372036854775808, which does not fit a PHP int (at most 9223372036854775807): write tickets of this backend cannot be used on this platform
get(): BackendException: Backend TagCache\Backend\FileBackend of cache "Big" handed out ticket 9223372036854775808, which does not fit a PHP int (at most 9223372036854775807): write tickets of this backend cannot be used on this platform
string(5) "unset"
int(1)
