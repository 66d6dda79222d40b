--TEST--
Backends: with no defaultLifetime configured, set() with lifetime null stores Flow's default of 3600 s (file header, Redis TTL)
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\RedisBackend;
use TagCache\CacheManager;
use TagCache\Frontend\StringFrontend;

function file_expiry(string $dir, string $cache, string $id): int
{
    $head = fgets(fopen("$dir/$cache/data/$id.php", 'r'));
    $fields = explode(' ', substr($head, strpos($head, 'tagcache1 D ')));
    return (int)$fields[2];
}

$dir = tc_tmpdir('deflife');
$before = time();
$file = new StringFrontend('life', new FileBackend(['cacheDirectory' => $dir]));
$file->set('default', 'v');
$file->set('unlimited', 'v', [], 0);
$file->set('given', 'v', [], 60);
$after = time();
$e = file_expiry($dir, 'life', 'default');
$ok = $e >= $before + 3600 && $e <= $after + 3601;
echo "file default: ", $ok ? "true" : "false ($e, $before, $after)", "\n";
echo "file unlimited: ", file_expiry($dir, 'life', 'unlimited'), "\n";
$e = file_expiry($dir, 'life', 'given');
echo "file 60: ", var_export($e >= $before + 60 && $e <= $after + 61, true), "\n";

$configured = new StringFrontend('life2', new FileBackend(['cacheDirectory' => $dir, 'defaultLifetime' => 0]));
$configured->set('default', 'v');
echo "file defaultLifetime 0: ", file_expiry($dir, 'life2', 'default'), "\n";

// Through a CacheManager with no backendOptions: the same default.
$manager = new CacheManager(['Default' => ['frontend' => 'StringFrontend'], 'Managed' => []], ['cacheDirectory' => $dir]);
$manager->getCache('Managed')->set('x', 'v');
$e = file_expiry("$dir/default", 'Managed', 'x');
echo "manager default: ", var_export($e >= $before + 3600 && $e <= time() + 3601, true), "\n";

$server = tc_redis_start();
$redis = new StringFrontend('life', new RedisBackend(['port' => $server['port'], 'readTimeout' => 30]));
$redis->set('default', 'v');
$redis->set('unlimited', 'v', [], 0);
$ttl = tc_redis_cmd($server, 'TTL', '{tagcache:default:life}:e:default');
echo "redis default: ", var_export($ttl > 3590 && $ttl <= 3600, true), "\n";
echo "redis unlimited: ", tc_redis_cmd($server, 'TTL', '{tagcache:default:life}:e:unlimited'), "\n";
?>
--EXPECT--
file default: true
file unlimited: 0
file 60: true
file defaultLifetime 0: 0
manager default: true
redis default: true
redis unlimited: -1
