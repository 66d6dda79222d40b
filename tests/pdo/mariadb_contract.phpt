--TEST--
PdoBackend on MariaDB: setup() and the shipped DDL, a missing table's message, then the backend contract under the frontends
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/pdo_helpers.inc'; tc_pdo_skipif('mariadb'); ?>
--FILE--
<?php
require __DIR__ . '/pdo_helpers.inc';
$server = tc_pdo_start('mariadb');
tc_pdo_setup_checks($server, 'mysql');
tc_pdo_contract(tc_pdo_options($server), tc_pdo_user($server));
?>
--EXPECT--
== setup
TagCache\BackendException: says to run setup(), names the file
bool(true)
int(1)
bool(true)
bool(true)
bool(false)
names the configured tables
string(15) "in named tables"
int(1)
== set, get, has, remove
NULL
string(9) "app:Pages"
array(1) {
  ["x"]=>
  int(1)
}
bool(false)
bool(true)
bool(true)
bool(false)
bool(false)
t2: a,b
getByTag(t2): {"a":{"x":1},"b":false}
bool(true)
bool(false)
bool(false)
after re-set of a, t1: [] t2: [b] t3: [a]
tag rows of the cache: 2
== flushByTag(s) counts
int(4)
int(0)
int(2)
int(0)
left: [] rows: 0 tag rows: 0
== caches and applications apart
int(1)
string(2) "v1"
string(2) "v2"
string(2) "v1"
bool(false)
array(1) {
  ["same"]=>
  string(2) "v1"
}
== lifetimes
int(0)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
array(0) {
}
life: default,forever,hour iteration: default,forever,hour
bool(false)
int(0)
collectGarbage: rows 4 -> 3, tag rows 4 -> 3
TagCache\InvalidArgumentException
== iteration
default=5 forever=5 hour=5
== PHP entries
bool(true)
int(42)
bool(true)
int(1)
bool(false)
== binary and large
bool(true)
bool(true)
string(0) ""
bool(true)
int(2)
bool(true)
== identifier and tag rules
Entry identifier "bad id" (6 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
Tag "bad tag" (7 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
Entry identifier "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"... (251 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
Tag "" (0 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
string(4) "long"
bool(true)
after flush rows: 0 tag rows: 0