<?php
/*
 * neos/cache's own backend test files, run unchanged against the bridge (the bootstrap makes
 * Neos\Cache\Backend\FileBackend & co. name the bridge's classes). Tests that inspect Flow's
 * private files or mock its protected methods are left out; each is listed here and, with
 * the reason, in README.md.
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests;

use PHPUnit\Framework\TestSuite;

final class NeosCacheSuite
{
    /** Test files of ../shared/peers/neos-cache/Tests for the backends the bridge offers. */
    private const FILES = [
        'Unit/Backend/FileBackendTest.php' => 'Neos\\Cache\\Tests\\Unit\\Backend\\FileBackendTest',
        'Unit/Backend/SimpleFileBackendTest.php' => 'Neos\\Cache\\Tests\\Unit\\Backend\\SimpleFileBackendTest',
        'Unit/Backend/TransientMemoryBackendTest.php' => 'Neos\\Cache\\Tests\\Unit\\Backend\\TransientMemoryBackendTest',
        'Unit/Backend/RedisBackendTest.php' => 'Neos\\Cache\\Tests\\Unit\\Backend\\RedisBackendTest',
        'Functional/Backend/RedisBackendTest.php' => 'Neos\\Cache\\Tests\\Functional\\Backend\\RedisBackendTest',
    ];

    /** class => [test method => why it is left out]; '*' leaves out the whole class. */
    public const EXCLUDED = [
        'Neos\\Cache\\Tests\\Unit\\Backend\\FileBackendTest' => ['*' => 'every test stores into vfsStream (vfs://), a PHP stream wrapper the native backend cannot write (it uses system calls); most also read Flow\'s file layout or mock protected methods'],
        'Neos\\Cache\\Tests\\Unit\\Backend\\SimpleFileBackendTest' => ['*' => 'every test stores into vfsStream (vfs://), see FileBackendTest; most also read Flow\'s file layout'],
        'Neos\\Cache\\Tests\\Unit\\Backend\\RedisBackendTest' => ['*' => 'every test injects a mocked \\Redis client (option "redis") and asserts the phpredis calls; the native backend speaks RESP itself'],
    ];

    public static function suite(): TestSuite
    {
        $root = dirname(__DIR__, 4) . '/shared/peers/neos-cache/Tests/';
        $suite = new TestSuite('neos/cache backend tests');
        foreach (self::FILES as $file => $class) {
            require_once $root . $file;
            $excluded = self::EXCLUDED[$class] ?? [];
            if ($class === 'Neos\\Cache\\Tests\\Functional\\Backend\\RedisBackendTest' && RedisServer::$forNeosTests === null) {
                // Port 6379 is taken: their test would talk to a server it does not own.
                continue;
            }
            if (isset($excluded['*'])) {
                continue;
            }
            $classSuite = new TestSuite(new \ReflectionClass($class));
            $kept = [];
            foreach ($classSuite->tests() as $test) {
                $name = $test instanceof \PHPUnit\Framework\TestCase ? $test->getName(false) : substr($test->getName(), strlen($class) + 2);
                if (!isset($excluded[$name])) {
                    $kept[] = $test;
                }
            }
            $classSuite->setTests($kept);
            $suite->addTest($classSuite);
        }
        return $suite;
    }
}
