--TEST--
Bus options: defaults in getOptions() (never the password), every bad option named with its rule and value, bad clear arguments
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Bus\Bus;

$o = (new Bus())->getOptions();
var_dump($o['keepDirectory'] === sys_get_temp_dir() . '/tagcache-bus-' . posix_geteuid());
unset($o['keepDirectory']);
var_dump($o);
$o = (new Bus(['password' => 'sEcReT', 'hostname' => '/run/redis.sock', 'port' => 7000, 'database' => 3,
    'timeout' => 0.5, 'stream' => 'fleet', 'application' => 'shop', 'maxLength' => 100,
    'defer' => 'request', 'onFailure' => 'keep', 'keepDirectory' => 'relative']))->getOptions();
var_dump($o['password'], $o['keepDirectory'] === getcwd() . '/relative', str_contains(serialize($o), 'sEcReT'));

foreach ([
    ['hostname' => ''], ['hostname' => 5], ['port' => 0], ['port' => 70000], ['port' => '6379'],
    ['password' => 5], ['password' => "a\0b"], ['database' => -1], ['timeout' => 0], ['timeout' => 'x'],
    ['timeout' => 5000], ['stream' => ''], ['stream' => str_repeat('s', 201)], ['application' => 'a b'],
    ['application' => null], ['maxLength' => 99], ['maxLength' => 1.5], ['defer' => 'commit'],
    ['onFailure' => 'ignore'], ['keepDirectory' => ''], ['keepDirectory' => "a\0"], ['nope' => 1], [5],
] as $bad) {
    tc_expect_exception(fn() => new Bus($bad));
}
$e = tc_expect_exception(fn() => new Bus(['password' => ['sEcReT']]));
var_dump(str_contains($e->getMessage(), 'sEcReT'));

echo "-- clear arguments\n";
$bus = new Bus(['defer' => 'request']);
tc_expect_exception(fn() => $bus->flushCache(''));
tc_expect_exception(fn() => $bus->flushByTags(['ok', 'not ok']));
tc_expect_exception(fn() => $bus->flushByTags([1]));
tc_expect_exception(fn() => $bus->flushByTags(['a'], 'bad id'));
tc_expect_exception(fn() => $bus->remove('A', str_repeat('x', 251)));
tc_expect_exception(fn() => $bus->purgeTags(['a b']));
tc_expect_exception(fn() => $bus->purgeLocations([1.5]));
tc_expect_exception(fn() => $bus->purgeLocations(["a\nb"]));
tc_expect_exception(fn() => $bus->purgeUrls(['']));
tc_expect_exception(fn() => $bus->purgeUrls(['http://x/ y']));
tc_expect_exception(fn() => $bus->banPath(''));
tc_expect_exception(fn() => $bus->banPath('^/', "text/html\r\nX: y"));
tc_expect_exception(fn() => $bus->banPath('^/', null, ['']));
var_dump($bus->getPending());
?>
--EXPECT--
bool(true)
array(10) {
  ["hostname"]=>
  string(9) "127.0.0.1"
  ["port"]=>
  int(6379)
  ["password"]=>
  bool(false)
  ["database"]=>
  int(0)
  ["timeout"]=>
  float(2)
  ["stream"]=>
  string(12) "tagcache:bus"
  ["application"]=>
  string(0) ""
  ["maxLength"]=>
  int(100000)
  ["defer"]=>
  string(4) "none"
  ["onFailure"]=>
  string(5) "throw"
}
bool(true)
bool(true)
bool(false)
InvalidArgumentException: Bus option "hostname" must be a host name, IP address or unix socket path (1 to 255 bytes, no NUL), got string ""
InvalidArgumentException: Bus option "hostname" must be a host name, IP address or unix socket path (1 to 255 bytes, no NUL), got int "5"
InvalidArgumentException: Bus option "port" must be an integer from 1 to 65535, got int "0"
InvalidArgumentException: Bus option "port" must be an integer from 1 to 65535, got int "70000"
InvalidArgumentException: Bus option "port" must be an integer from 1 to 65535, got string "6379"
InvalidArgumentException: Bus option "password" must be a string without NUL bytes or null, got int
InvalidArgumentException: Bus option "password" must be a string without NUL bytes or null, got string
InvalidArgumentException: Bus option "database" must be an integer from 0 to 65535, got int "-1"
InvalidArgumentException: Bus option "timeout" must be a number of seconds from 0.001 to 3600, got int "0"
InvalidArgumentException: Bus option "timeout" must be a number of seconds from 0.001 to 3600, got string "x"
InvalidArgumentException: Bus option "timeout" must be a number of seconds from 0.001 to 3600, got int "5000"
InvalidArgumentException: Bus option "stream" must be a Redis key of 1 to 200 bytes without NUL, got string ""
InvalidArgumentException: Bus option "stream" must be a Redis key of 1 to 200 bytes without NUL, got string "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss..."
InvalidArgumentException: Bus option "application" must be "" or a string matching /^[a-zA-Z0-9_%\-&]{1,250}$/, got string "a b"
InvalidArgumentException: Bus option "application" must be "" or a string matching /^[a-zA-Z0-9_%\-&]{1,250}$/, got null
InvalidArgumentException: Bus option "maxLength" must be an integer >= 100, got int "99"
InvalidArgumentException: Bus option "maxLength" must be an integer >= 100, got float "1.5"
InvalidArgumentException: Bus option "defer" must be "none" or "request", got string "commit"
InvalidArgumentException: Bus option "onFailure" must be "throw" or "keep", got string "ignore"
InvalidArgumentException: Bus option "keepDirectory" must be a non-empty path without NUL bytes, got string ""
InvalidArgumentException: Bus option "keepDirectory" must be a non-empty path without NUL bytes, got string "a\000"
InvalidArgumentException: Bus has no option "nope"; known options: hostname, port, password, database, timeout, stream, application, maxLength, defer, onFailure, keepDirectory
InvalidArgumentException: Bus options must be keyed by name; known options: hostname, port, password, database, timeout, stream, application, maxLength, defer, onFailure, keepDirectory
InvalidArgumentException: Bus option "password" must be a string without NUL bytes or null, got array
bool(false)
-- clear arguments
InvalidArgumentException: Cache identifier "" (0 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "not ok" (6 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tags must be strings, got int at key 0
InvalidArgumentException: Cache identifier "bad id" (6 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Entry identifier "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"... (251 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Tag "a b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
InvalidArgumentException: Location ids must be strings or ints, got float at key 0
InvalidArgumentException: Location id "a\nb" is not valid: it must be 1 to 1024 bytes without spaces or control characters
InvalidArgumentException: URL "" is not valid: it must be 1 to 8192 bytes without spaces or control characters
InvalidArgumentException: URL "http://x/ y" is not valid: it must be 1 to 8192 bytes without spaces or control characters
InvalidArgumentException: Path regex "" is not valid: it must be 1 to 8192 bytes without control characters
InvalidArgumentException: Content type "text/html\r\nX: y" is not valid: it must be at most 255 bytes without control characters
InvalidArgumentException: Host "" is not valid: it must be 1 to 255 bytes without spaces or control characters
array(0) {
}
