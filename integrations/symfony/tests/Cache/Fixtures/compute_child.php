<?php
// The second process of TagCacheAdapterTest::testConcurrentMissComputesOnce: asks the shared
// file cache for the key the parent is computing and prints what it got ("child" would mean it
// computed the value a second time).

declare(strict_types=1);

require \dirname(__DIR__, 3) . '/vendor/autoload.php';

use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Symfony\Cache\TagCacheAdapter;

$adapter = new TagCacheAdapter('ns', null, new VariableFrontend('Shared', new FileBackend(['cacheDirectory' => $argv[1]])));
echo $adapter->get('report.1', static fn () => 'child');
