--TEST--
PdoBackend in a PHP without PDO: constructing it is a clear exception naming what to enable, nothing crashes
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
// A PHP with PDO built in (not a shared extension) has it even under -n: nothing to test there.
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
if (trim((string)shell_exec(escapeshellarg($php) . ' -n -r ' . escapeshellarg('echo class_exists("PDO") ? 1 : 0;'))) !== '0') {
    die('skip PDO is built into this PHP');
}
?>
--FILE--
<?php
// The same tagcache.so, loaded into a PHP started without any ini file (so without PDO).
$so = null;
foreach (file('/proc/self/maps') as $line) {
    if (preg_match('~(/\S*tagcache\.so)$~', trim($line), $m)) {
        $so = $m[1];
    }
}
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$code = 'try { new TagCache\Backend\PdoBackend(["dataSourceName" => "sqlite::memory:"]); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(); }';
echo shell_exec(escapeshellarg($php) . ' -n -d extension=' . escapeshellarg($so) . ' -r ' . escapeshellarg($code)), "\n";
?>
--EXPECT--
TagCache\BackendException: PdoBackend needs PHP's PDO extension (class PDO is not loaded): enable pdo and the driver of the dataSourceName (pdo_sqlite, pdo_mysql or pdo_pgsql)
