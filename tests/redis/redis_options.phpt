--TEST--
RedisBackend: options are checked, unknown ones named; the password is never echoed
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Backend\RedisBackend;

foreach ([
    ['host' => 'x'],
    ['port' => 0],
    ['port' => '6379'],
    ['database' => -1],
    ['connectTimeout' => 0],
    ['readTimeout' => 'soon'],
    ['persistent' => 1],
    ['compressionLevel' => 10],
    ['batchSize' => 0],
    ['defaultLifetime' => -1],
    ['applicationIdentifier' => 'a b'],
    ['password' => ['secret-in-array']],
] as $options) {
    try {
        new RedisBackend($options);
        echo "accepted\n";
    } catch (TagCache\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
$b = new RedisBackend(['hostname' => '127.0.0.1', 'port' => 6379, 'database' => 2, 'password' => 'pw',
    'connectTimeout' => 0.25, 'readTimeout' => 2, 'persistent' => true, 'compressionLevel' => 1,
    'batchSize' => 500, 'defaultLifetime' => 60, 'applicationIdentifier' => 'shop']);
echo get_class($b), "\n";
try {
    new RedisBackend(['password' => 'hunter2', 'bogus' => 1]);
} catch (TagCache\InvalidArgumentException $e) {
    var_dump(str_contains($e->getMessage(), 'hunter2'), str_contains($e->getTraceAsString(), 'hunter2'));
}
?>
--EXPECT--
RedisBackend has no option "host"; known options: hostname, port, database, password, connectTimeout, readTimeout, persistent, compressionLevel, batchSize, defaultLifetime, applicationIdentifier, cluster, sentinels, sentinelService, sentinelPassword
RedisBackend option "port" must be an integer from 1 to 65535, got int "0"
RedisBackend option "port" must be an integer from 1 to 65535, got string "6379"
RedisBackend option "database" must be an integer from 0 to 65535, got int "-1"
RedisBackend option "connectTimeout" must be a number of seconds > 0 and <= 3600, got int "0"
RedisBackend option "readTimeout" must be a number of seconds > 0 and <= 3600, got string "soon"
RedisBackend option "persistent" must be a boolean, got int "1"
RedisBackend option "compressionLevel" must be an integer from 0 (off) to 9, got int "10"
RedisBackend option "batchSize" must be an integer from 1 to 100000, got int "0"
RedisBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got int "-1"
Application identifier "a b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
RedisBackend option "password" must be a string without NUL bytes or null, got array
TagCache\Backend\RedisBackend
bool(false)
bool(false)
