--TEST--
Backend options, every native backend: an unknown option is named with the known ones, a wrong type or a value out of range names option, value and rule; phpinfo() lists every backend class with its options
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend;

$cases = [
    Backend\FileBackend::class => [
        ['nope' => 1],
        ['defaultLifetime' => 'x'],
        ['defaultLifetime' => -1],
        ['cacheDirectory' => true],
    ],
    Backend\SimpleFileBackend::class => [
        ['nope' => 1],
        ['cacheDirectory' => 1.5],
        ['cacheDirectory' => ''],
    ],
    Backend\TransientMemoryBackend::class => [
        ['nope' => 1],
        ['defaultLifetime' => null],
        ['defaultLifetime' => PHP_INT_MIN],
    ],
    Backend\NullBackend::class => [
        ['nope' => 1],
        ['defaultLifetime' => [1]],
        ['defaultLifetime' => -1],
    ],
    Backend\RedisBackend::class => [
        ['nope' => 1],
        ['port' => 'x'],
        ['port' => 65536],
        ['batchSize' => 100001],
        ['readTimeout' => 3600.5],
        ['connectTimeout' => -0.1],
        ['persistent' => 'yes'],
        ['hostname' => "bad\0host\n"],
        ['port' => str_repeat('9', 100)],
        ['password' => 12345],
        ['password' => "hunter\0two"],
        ['applicationIdentifier' => 7],
    ],
    Backend\SharedMemoryBackend::class => [
        ['nope' => 1],
        ['size' => 1000],
        ['segment' => true],
        ['applicationIdentifier' => 'a:b'],
    ],
    Backend\PdoBackend::class => [['nope' => 1], ['dataSourceName' => 'oci:x'], ['cacheTableName' => 'a-b'], ['tagsTableName' => 7], ['driverOptions' => ['timeout' => 5]], ['batchSize' => 0], ['password' => 12345]],
    Backend\MemcachedBackend::class => [['nope' => 1], ['servers' => '127.0.0.1'], ['servers' => []], ['servers' => ['h:0']], ['compression' => 'yes']],
    Backend\MultiBackend::class => [
        ['nope' => 1],
        ['backendConfigurations' => 'FileBackend'],
        ['retryInterval' => 0],
        ['setInAllBackends' => 1],
    ],
    Backend\TaggableMultiBackend::class => [
        ['nope' => 1],
        ['backendConfigurations' => [['backend' => 'SimpleFileBackend']]],
    ],
];
foreach ($cases as $class => $list) {
    echo "== $class\n";
    foreach ($list as $options) {
        $e = tc_expect_exception(fn() => new $class($options));
        $known[$class] ??= explode(', ', explode('known options: ', $e->getMessage())[1]);
    }
    // the defaults, and a reference to a good value, are accepted
    $v = 5;
    $opts = str_contains($class, 'Multi') ? ['backendConfigurations' => [['backend' => 'NullBackend']], 'retryInterval' => &$v] : ($class === Backend\SimpleFileBackend::class ? [] : [$class === Backend\RedisBackend::class ? 'port' : 'defaultLifetime' => &$v]);
    $opts += $class === Backend\PdoBackend::class ? ['dataSourceName' => 'sqlite::memory:'] : [];
    echo get_class(new $class($opts)), " accepted\n";
}

// every native class is a row of phpinfo(), with its options
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
preg_match('/^Backends => (.*)$/m', $info, $m);
$listed = explode(', ', $m[1]);
$native = array_filter(get_declared_classes(), fn($c) => str_starts_with($c, 'TagCache\\Backend\\'));
foreach ($native as $c) {
    $short = substr($c, strlen('TagCache\\Backend\\'));
    preg_match("/^$short options => (.*)$/m", $info, $row);
    $missing = array_filter($known[$c], fn($o) => !str_contains($row[1] ?? '', "$o ("));
    echo $short, ': ', in_array($short, $listed, true) ? 'listed' : 'NOT LISTED', ', options ',
        $missing ? 'missing ' . implode(', ', $missing) : 'all described', "\n";
}
var_dump(count($listed) === count($native));
// a table name is described by the rule its check applies, not as any string
preg_match('/^PdoBackend options => (.*)$/m', $info, $row);
foreach (['cacheTableName', 'tagsTableName'] as $o) {
    echo $o, ': ', str_contains($row[1], "$o (/^[A-Za-z_][A-Za-z0-9_]{0,51}\$/ (at most 52 characters") ? 'the table name rule' : 'ANY STRING', "\n";
}
?>
--EXPECT--
== TagCache\Backend\FileBackend
InvalidArgumentException: FileBackend has no option "nope"; known options: cacheDirectory, defaultLifetime
InvalidArgumentException: FileBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got string "x"
InvalidArgumentException: FileBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got int "-1"
InvalidArgumentException: FileBackend option "cacheDirectory" must be a non-empty path without NUL bytes, got bool
TagCache\Backend\FileBackend accepted
== TagCache\Backend\SimpleFileBackend
InvalidArgumentException: SimpleFileBackend has no option "nope"; known options: cacheDirectory
InvalidArgumentException: SimpleFileBackend option "cacheDirectory" must be a non-empty path without NUL bytes, got float "1.5"
InvalidArgumentException: SimpleFileBackend option "cacheDirectory" must be a non-empty path without NUL bytes, got string ""
TagCache\Backend\SimpleFileBackend accepted
== TagCache\Backend\TransientMemoryBackend
InvalidArgumentException: TransientMemoryBackend has no option "nope"; known options: defaultLifetime
InvalidArgumentException: TransientMemoryBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got null
InvalidArgumentException: TransientMemoryBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got int "-9223372036854775808"
TagCache\Backend\TransientMemoryBackend accepted
== TagCache\Backend\NullBackend
InvalidArgumentException: NullBackend has no option "nope"; known options: defaultLifetime
InvalidArgumentException: NullBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got array
InvalidArgumentException: NullBackend option "defaultLifetime" must be an integer >= 0 (seconds, 0 = unlimited), got int "-1"
TagCache\Backend\NullBackend accepted
== TagCache\Backend\RedisBackend
InvalidArgumentException: RedisBackend has no option "nope"; known options: hostname, port, database, password, connectTimeout, readTimeout, persistent, compressionLevel, batchSize, defaultLifetime, applicationIdentifier, cluster, sentinels, sentinelService, sentinelPassword
InvalidArgumentException: RedisBackend option "port" must be an integer from 1 to 65535, got string "x"
InvalidArgumentException: RedisBackend option "port" must be an integer from 1 to 65535, got int "65536"
InvalidArgumentException: RedisBackend option "batchSize" must be an integer from 1 to 100000, got int "100001"
InvalidArgumentException: RedisBackend option "readTimeout" must be a number of seconds > 0 and <= 3600, got float "3600.5"
InvalidArgumentException: RedisBackend option "connectTimeout" must be a number of seconds > 0 and <= 3600, got float "-0.1"
InvalidArgumentException: RedisBackend option "persistent" must be a boolean, got string "yes"
InvalidArgumentException: RedisBackend option "hostname" must be a non-empty string without NUL bytes, got string "bad\000host\n"
InvalidArgumentException: RedisBackend option "port" must be an integer from 1 to 65535, got string "99999999999999999999999999999999999999999999999999999999999999999999999999999999..."
InvalidArgumentException: RedisBackend option "password" must be a string without NUL bytes or null, got int
InvalidArgumentException: RedisBackend option "password" must be a string without NUL bytes or null, got string
InvalidArgumentException: RedisBackend option "applicationIdentifier" must be a non-empty string without NUL bytes, got int "7"
TagCache\Backend\RedisBackend accepted
== TagCache\Backend\SharedMemoryBackend
InvalidArgumentException: SharedMemoryBackend has no option "nope"; known options: segment, size, defaultLifetime, applicationIdentifier
InvalidArgumentException: SharedMemoryBackend option "size" must be an integer from 1048576 to 1099511627776 (bytes, fixed when the segment is created), got int "1000"
InvalidArgumentException: SharedMemoryBackend option "segment" must be a file path, got bool
InvalidArgumentException: Application identifier "a:b" (3 bytes) does not match /^[a-zA-Z0-9_%\-&]{1,250}$/
TagCache\Backend\SharedMemoryBackend accepted
== TagCache\Backend\PdoBackend
InvalidArgumentException: PdoBackend has no option "nope"; known options: dataSourceName, username, password, driverOptions, cacheTableName, tagsTableName, batchSize, defaultLifetime, applicationIdentifier
InvalidArgumentException: PdoBackend option "dataSourceName" names the PDO driver "oci": it must start with "sqlite:", "mysql:" or "pgsql:" (the rest of the value is not shown, it may hold a password)
InvalidArgumentException: PdoBackend option "cacheTableName" "a-b" is not a table name: it must match /^[A-Za-z_][A-Za-z0-9_]{0,51}$/ (at most 52 characters, so the index names derived from it fit)
InvalidArgumentException: PdoBackend option "tagsTableName" must be /^[A-Za-z_][A-Za-z0-9_]{0,51}$/ (at most 52 characters, so the index names derived from it fit), got int "7"
InvalidArgumentException: PdoBackend option "driverOptions" has the key "timeout": it must be an array of PDO attribute constants (integers, e.g. PDO::ATTR_TIMEOUT) to values
InvalidArgumentException: PdoBackend option "batchSize" must be an integer from 1 to 300 (rows per multi-row statement; at most 300: SQLite's 999 parameters), got int "0"
InvalidArgumentException: PdoBackend option "password" must be a string without NUL bytes or null, got int
TagCache\Backend\PdoBackend accepted
== TagCache\Backend\MemcachedBackend
InvalidArgumentException: MemcachedBackend has no option "nope"; known options: servers, compression, defaultLifetime, applicationIdentifier, connectTimeout, readTimeout
InvalidArgumentException: MemcachedBackend option "servers" must be a non-empty array of "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path", got string "127.0.0.1"
InvalidArgumentException: MemcachedBackend option "servers" is an empty array: name at least one server, each "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path"
InvalidArgumentException: MemcachedBackend option "servers": server "h:0" must be "host:port", "host" (port 11211), "[v6]:port", "[v6]", "unix:///absolute/path" or "/absolute/path" (port 1 to 65535)
InvalidArgumentException: MemcachedBackend option "compression" must be a boolean, got string "yes"
TagCache\Backend\MemcachedBackend accepted
== TagCache\Backend\MultiBackend
InvalidArgumentException: MultiBackend has no option "nope"; known options: backendConfigurations, setInAllBackends, debug, logErrors, removeUnhealthyBackends, retryInterval, cacheDirectory, applicationIdentifier
InvalidArgumentException: MultiBackend option "backendConfigurations" must be a non-empty list of ['backend' => class name, 'backendOptions' => array], got string "FileBackend"
InvalidArgumentException: MultiBackend option "retryInterval" must be a number of seconds > 0 and <= 86400 (back-off of a failed backend, doubled per further failure up to 64 times), got int "0"
InvalidArgumentException: MultiBackend option "setInAllBackends" must be a boolean, got int "1"
TagCache\Backend\MultiBackend accepted
== TagCache\Backend\TaggableMultiBackend
InvalidArgumentException: TaggableMultiBackend has no option "nope"; known options: backendConfigurations, setInAllBackends, debug, logErrors, removeUnhealthyBackends, retryInterval, cacheDirectory, applicationIdentifier
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" #1: backend "SimpleFileBackend" must be taggable (implement TaggableBackendInterface): a chain that flushes by tag needs every child to
TagCache\Backend\TaggableMultiBackend accepted
FileBackend: listed, options all described
SimpleFileBackend: listed, options all described
TransientMemoryBackend: listed, options all described
NullBackend: listed, options all described
RedisBackend: listed, options all described
SharedMemoryBackend: listed, options all described
PdoBackend: listed, options all described
MemcachedBackend: listed, options all described
MultiBackend: listed, options all described
TaggableMultiBackend: listed, options all described
bool(true)
cacheTableName: the table name rule
tagsTableName: the table name rule
