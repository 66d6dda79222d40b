<?php
/*
 * PHPUnit bootstrap: loads the packages, makes neos/cache's backend class names resolve to the
 * bridge's backends (so neos/cache's own test files run unchanged against them), makes their
 * vfsStream temporary directory a real one, and starts the redis-server their functional Redis
 * test talks to (see RedisServer).
 */

declare(strict_types=1);

require __DIR__ . '/../vendor/autoload.php';
require __DIR__ . '/RedisServer.php';

if (!extension_loaded('tagcache')) {
    fwrite(STDERR, "The tagcache extension is not loaded: run php -d extension=/path/to/tagcache.so vendor/bin/phpunit\n");
    exit(1);
}

// Before anything autoloads the originals: neos/cache's test files name these classes.
foreach (['FileBackend', 'SimpleFileBackend', 'TransientMemoryBackend', 'RedisBackend', 'PdoBackend'] as $name) {
    if (class_exists('Neos\\Cache\\Backend\\' . $name, false)) {
        throw new LogicException("Neos\\Cache\\Backend\\$name was loaded before the bridge could stand in for it");
    }
    class_alias('TagCache\\Flow\\Backend\\' . $name, 'Neos\\Cache\\Backend\\' . $name);
}
// Their temporary directory lives in vfsStream: see LocalEnvironmentConfiguration.
class_alias(TagCache\Flow\Tests\Harness\LocalEnvironmentConfiguration::class, 'Neos\\Cache\\EnvironmentConfiguration');

TagCache\Flow\Tests\RedisServer::startForNeosTests();
