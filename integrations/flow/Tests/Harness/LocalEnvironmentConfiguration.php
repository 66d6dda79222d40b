<?php
/*
 * Stands in for Neos\Cache\EnvironmentConfiguration while neos/cache's tests run (the bootstrap
 * aliases it): the same constructor and getters, except that a vfsStream base path
 * ("vfs://Foo/") becomes a real directory under the run's scratch folder. Their tests keep Flow's
 * temporary directory in vfsStream, a PHP stream wrapper; the native backends write with
 * system calls, which never see it. Tests that look at the files themselves stay excluded.
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests\Harness;

class LocalEnvironmentConfiguration
{
    protected $applicationIdentifier;

    protected $fileCacheBasePath;

    protected $maximumPathLength;

    public function __construct(string $applicationIdentifier, string $fileCacheBasePath, int $maximumPathLength = PHP_MAXPATHLEN)
    {
        $this->applicationIdentifier = $applicationIdentifier;
        $this->fileCacheBasePath = str_starts_with($fileCacheBasePath, 'vfs://')
            ? Scratch::directory() . '/vfs/' . substr($fileCacheBasePath, 6)
            : $fileCacheBasePath;
        $this->maximumPathLength = $maximumPathLength;
    }

    public function getMaximumPathLength(): int
    {
        return $this->maximumPathLength;
    }

    public function getFileCacheBasePath(): string
    {
        return $this->fileCacheBasePath;
    }

    public function getApplicationIdentifier(): string
    {
        return $this->applicationIdentifier;
    }
}
