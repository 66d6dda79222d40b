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
use TagCache\Flow\Tests\Harness\LeftOut;

final class NeosCacheSuite
{
    /** Test files of ../shared/peers/neos-cache/Tests for the backends the bridge offers. */
    private const FILES = [
        'Unit/Backend/FileBackendTest.php' => 'Neos\\Cache\\Tests\\Unit\\Backend\\FileBackendTest',
        'Unit/Backend/SimpleFileBackendTest.php' => 'Neos\\Cache\\Tests\\Unit\\Backend\\SimpleFileBackendTest',
        'Unit/Backend/TransientMemoryBackendTest.php' => 'Neos\\Cache\\Tests\\Unit\\Backend\\TransientMemoryBackendTest',
        'Unit/Backend/RedisBackendTest.php' => 'Neos\\Cache\\Tests\\Unit\\Backend\\RedisBackendTest',
        'Unit/Backend/PdoBackendTest.php' => 'Neos\\Cache\\Tests\\Unit\\Backend\\PdoBackendTest',
        'Functional/Backend/PdoBackendTest.php' => 'Neos\\Cache\\Tests\\Functional\\Backend\\PdoBackendTest',
        'Functional/Backend/RedisBackendTest.php' => 'Neos\\Cache\\Tests\\Functional\\Backend\\RedisBackendTest',
    ];

    /** class => [test method => why it is left out]; '*' leaves out the whole class. */
    public const EXCLUDED = [
        'Neos\\Cache\\Tests\\Unit\\Backend\\FileBackendTest' => [
            'setCacheDirectoryAllowsToSetTheCurrentCacheDirectory' => 'asserts a vfs:// path or a vfs:// directory; the native backend needs a local directory',
            'getCacheDirectoryReturnsTheCurrentCacheDirectory' => 'asserts a vfs:// path or a vfs:// directory; the native backend needs a local directory',
            'aDedicatedCacheDirectoryIsUsedForCodeCaches' => 'asserts a vfs:// path or a vfs:// directory; the native backend needs a local directory',
            'setReallySavesToTheSpecifiedDirectory' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
            'setOverwritesAnAlreadyExistingCacheEntryForTheSameIdentifier' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
            'setAlsoSavesSpecifiedTags' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
            'setThrowsExceptionIfCachePathLengthExceedsMaximumPathLength' => 'mocks a protected method of Flow\'s backend (writeCacheFile) that the bridge does not have',
            'getReturnsFalseForExpiredEntries' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
            'getDoesUseInternalGetIfTheCacheIsFrozen' => 'mocks a protected method of Flow\'s backend (internalGet) that the bridge does not have',
            'hasReturnsFalseForExpiredEntries' => 'mocks a protected method of Flow\'s backend (isCacheFileExpired) that the bridge does not have',
            'removeReallyRemovesACacheEntry' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
            'flushRemovesAllCacheEntries' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
            'flushByTagRemovesCacheEntriesWithSpecifiedTag' => 'asserts Flow\'s internal call sequence (flushByTag calling findIdentifiersByTags and remove); the native tag index flushes without them',
            'flushByTagsRemovesCacheEntriesWithSpecifiedTags' => 'asserts Flow\'s internal call sequence (flushByTag calling findIdentifiersByTags and remove); the native tag index flushes without them',
            'collectGarbageRemovesExpiredCacheEntries' => 'mocks a protected method of Flow\'s backend (isCacheFileExpired) that the bridge does not have, and reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
        ],
        'Neos\\Cache\\Tests\\Unit\\Backend\\SimpleFileBackendTest' => [
            'setCacheThrowsExceptionOnNonWritableDirectory' => 'expects vfs://Some/NonExisting/Directory/ to be unwritable because vfsStream has no such directory; a real directory is created as needed',
            'setThrowsExceptionIfCachePathLengthExceedsMaximumPathLength' => 'mocks a protected method of Flow\'s backend (writeCacheFile) that the bridge does not have',
            'setCacheDirectoryAllowsToSetTheCurrentCacheDirectory' => 'asserts a vfs:// path or a vfs:// directory; the native backend needs a local directory',
            'getCacheDirectoryReturnsTheCurrentCacheDirectory' => 'asserts a vfs:// path or a vfs:// directory; the native backend needs a local directory',
            'aDedicatedCacheDirectoryIsUsedForCodeCaches' => 'asserts a vfs:// path or a vfs:// directory; the native backend needs a local directory',
            'setReallySavesToTheSpecifiedDirectory' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
            'setOverwritesAnAlreadyExistingCacheEntryForTheSameIdentifier' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
            'setDoesNotOverwriteIfLockNotAcquired' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have (it locks Flow\'s entry file itself)',
            'getReturnsFalseForDeletedFiles' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have (it unlinks Flow\'s entry file itself)',
            'removeReallyRemovesACacheEntry' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
            'flushRemovesAllCacheEntries' => 'reads or writes Flow\'s own entry files (vfs://.../Cache/Data/<cache>/<id>, FileBackendEntryDto), which the native layout does not have',
        ],
        'Neos\\Cache\\Tests\\Unit\\Backend\\PdoBackendTest' => [
            'setThrowsExceptionIfNoFrontEndHasBeenSet' => 'builds the backend without its required option dataSourceName and expects set() to report the missing frontend; the bridge refuses the missing option when the backend is built, naming it',
        ],
        'Neos\\Cache\\Tests\\Unit\\Backend\\RedisBackendTest' => [
            '*' => 'every test injects a mocked \\Redis client (option "redis") and asserts the phpredis calls; the native backend speaks RESP itself',
        ],
    ];

    public static function suite(): TestSuite
    {
        $root = dirname(__DIR__, 4) . '/shared/peers/neos-cache/Tests/';
        $suite = new TestSuite('neos/cache backend tests');
        foreach (self::FILES as $file => $class) {
            require_once $root . $file;
            $excluded = self::EXCLUDED[$class] ?? [];
            if ($class === 'Neos\\Cache\\Tests\\Functional\\Backend\\RedisBackendTest' && RedisServer::$forNeosTests === null) {
                // Port 6379 is taken or there is no redis-server: counted as skipped, with why.
                $suite->addTest(new LeftOut($class, (string)RedisServer::$neosTestsLeftOut));
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
