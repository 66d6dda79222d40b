<?php
// A second process of TagCacheAdapterTest's concurrency tests: asks the shared file cache
// (argv[1]) for the key argv[2] through a TagCacheAdapter whose callback returns argv[3], and
// prints "got=<value> computed=<0|1>". argv[4] (JSON) steers it: "before" is touched just before
// get(), "started" when its callback starts, which then waits for "release" to exist;
// "options" are the pool's getOrCompute options, "expiresAfter" its value's lifetime.

declare(strict_types=1);

// the packages the test run uses (scripts/test-integrations sets it for each vendor folder)
require getenv('TAGCACHE_AUTOLOAD') ?: \dirname(__DIR__, 3) . '/vendor/autoload.php';

use Symfony\Contracts\Cache\ItemInterface;
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Symfony\Cache\TagCacheAdapter;

[, $dir, $key, $value] = $argv;
$steer = json_decode($argv[4] ?? '{}', true, 8, JSON_THROW_ON_ERROR);
$adapter = new TagCacheAdapter('ns', null, new VariableFrontend('Shared', new FileBackend(['cacheDirectory' => $dir])), null, 'child', $steer['options'] ?? []);
$computed = 0;
if (isset($steer['before'])) {
    touch($steer['before']);
}
$got = $adapter->get($key, static function (ItemInterface $item) use ($value, $steer, &$computed) {
    $computed = 1;
    if (isset($steer['expiresAfter'])) {
        $item->expiresAfter($steer['expiresAfter']);
    }
    if (isset($steer['started'])) {
        touch($steer['started']);
        // held until the test has done what it checks while this process computes
        for ($i = 0; $i < 2000 && !file_exists($steer['release']); ++$i) {
            usleep(10000);
        }
    }
    return $value;
});
echo "got=$got computed=$computed";
