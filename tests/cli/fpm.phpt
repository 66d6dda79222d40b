--TEST--
tagcache command on a php-fpm pool over FastCGI: fpm:status shows the pool's shared-memory caches and OPcache, fpm:clear flushes those caches, fpm:opcache-reset resets OPcache (exit 1 where OPcache is off); the script it runs in the pool is removed; unreachable pool exit 1, no socket exit 2
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../fpm_helpers.inc';
tc_fpm_skipif();
?>
--FILE--
<?php
require __DIR__ . '/cli_helpers.inc';
require __DIR__ . '/../fpm_helpers.inc';
use TagCache\Backend\SharedMemoryBackend;

$dir = tc_tmpdir('cli-fpm');
mkdir("$dir/scripts");
$fpm = tc_fpm_start(1, [], null, [], ['-d', 'zend_extension=opcache.so', '-d', 'opcache.enable=1']);
$plain = tc_fpm_start(1);
$caches = ['shm' => ['backend' => SharedMemoryBackend::class, 'backendOptions' => ['segment' => "$dir/segment", 'size' => 1 << 20]],
           'other' => ['backend' => TagCache\Backend\TransientMemoryBackend::class]];
$config = tc_cli_config($dir, '<?php return ' . var_export(['caches' => $caches,
    'fpm' => ['socket' => "127.0.0.1:{$fpm['port']}", 'scriptDir' => "$dir/scripts"]], true) . ';');
$noShm = tc_cli_config($dir, '<?php return ' . var_export(['caches' => ['other' => $caches['other']],
    'fpm' => ['socket' => "127.0.0.1:{$fpm['port']}"]], true) . ';', 'noshm.php');
$cli = fn (string ...$args) => tc_cli(['--config', $config, ...$args]);

$manager = new TagCache\CacheManager($caches);
$shm = $manager->getCache('shm');
$shm->set('e1', 'one', ['t']);
$shm->set('e2', 'two');

$r = $cli('fpm:status', '--json');
echo "status: exit {$r['exit']}, tagcache ", var_export($r['json']['tagcache'], true), ", opcache enabled ", var_export($r['json']['opcache']['enabled'], true),
    ", caches ", implode(',', array_keys($r['json']['caches'])), ", shm entries ", $r['json']['caches']['shm']['statistics']['cacheEntries'],
    ", segment ", $r['json']['caches']['shm']['segment'] === "$dir/segment" ? 'same' : $r['json']['caches']['shm']['segment'], "\n";
$r = $cli('fpm:status');
echo "status text: exit {$r['exit']}\n", preg_replace(['/pid \d+/', '/PHP [\d.]+[^,\s]*/', '/opcache: .*/', '/segment \S+: \d+ of/'], ['pid N', 'PHP V', 'opcache: ...', 'segment S: N of'], $r['out']);

$r = $cli('fpm:clear', '--json');
echo "clear: exit {$r['exit']}, cleared ", implode(',', $r['json']['cleared']), ", entries in the pool after: ", $r['json']['caches']['shm']['statistics']['cacheEntries'],
    ", here: e1 ", $shm->has('e1') ? 'yes' : 'no', ", e2 ", $shm->has('e2') ? 'yes' : 'no', "\n";

$r = $cli('fpm:opcache-reset', '--json');
echo "opcache-reset: exit {$r['exit']}, reset ", var_export($r['json']['opcache']['reset'], true), "\n";
$r = tc_cli(['--config', $config, 'fpm:opcache-reset', '--socket', "127.0.0.1:{$plain['port']}"]);
echo "opcache-reset without OPcache: exit {$r['exit']} | ", preg_replace('/pid \d+/', 'pid N', trim($r['err'])), "\n";
echo "scripts left in scriptDir: ", count(scandir("$dir/scripts")) - 2, "\n";

$r = tc_cli(['fpm:status', '--socket', '127.0.0.1:' . tc_free_port()]);
echo "unreachable: exit {$r['exit']} | ", preg_replace('/127\.0\.0\.1:\d+/', 'ADDR', trim($r['err'])), "\n";
tc_cli_show('no socket', tc_cli(['fpm:status']));
tc_cli_show('clear without shm caches', tc_cli(['--config', $noShm, 'fpm:clear']));
// the default scriptDir (the temporary folder) works too and is cleaned up
$before = glob(sys_get_temp_dir() . '/tagcache-fpm-*');
$r = tc_cli(['--config', $noShm, 'fpm:status', '--json']);
echo "default scriptDir: exit {$r['exit']}, caches ", json_encode($r['json']['caches']), ", folders left ", count(glob(sys_get_temp_dir() . '/tagcache-fpm-*')) - count($before), "\n";
?>
--EXPECT--
status: exit 0, tagcache true, opcache enabled true, caches shm, shm entries 2, segment same
status text: exit 0
pool worker pid N, PHP V, tagcache loaded
opcache: ...
cache shm: 2 entries, 1 tags (segment S: N of 1048576 bytes used, 2 entries)
clear: exit 0, cleared shm, entries in the pool after: 0, here: e1 no, e2 no
opcache-reset: exit 0, reset true
opcache-reset without OPcache: exit 1 | tagcache: OPcache is not enabled in the php-fpm pool (pid N answered)
scripts left in scriptDir: 0
unreachable: exit 1 | tagcache: cannot connect to the php-fpm pool at ADDR: Connection refused
no socket: exit 2 | tagcache: no php-fpm socket: give --socket ADDRESS or set fpm.socket in the configuration
clear without shm caches: exit 2 | tagcache: the configuration has no cache on SharedMemoryBackend: nothing to clear in the pool
default scriptDir: exit 0, caches [], folders left 0
