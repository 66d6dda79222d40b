--TEST--
Node::decode(): malformed payloads are refused with InvalidDataException naming the problem; getPending() and decode() agree
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Bus\Node;

foreach (['', 'x', "\x01", str_repeat("\xff", 64)] as $bad) {
    $e = tc_expect_exception(fn() => Node::decode($bad));
}
var_dump($e->getCode());
tc_expect_exception(fn() => Node::decode([]));
?>
--EXPECTF--
InvalidDataException: Bus payload of 0 bytes cannot be decoded: %s
InvalidDataException: Bus payload of 1 bytes cannot be decoded: %s
InvalidDataException: Bus payload of 1 bytes cannot be decoded: %s
InvalidDataException: Bus payload of 64 bytes cannot be decoded: %s
int(1004)
TypeError: TagCache\Bus\Node::decode(): Argument #1 ($payload) must be of type string, array given
