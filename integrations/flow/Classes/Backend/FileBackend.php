<?php
/*
 * Flow's FileBackend over tagcache's native file backend: one file per entry, a tag index on
 * disk (flushByTag costs what the tag holds), atomic writes, PHP entries included through the
 * engine so OPcache serves them. Name it in Caches.yaml as TagCache\Flow\Backend\FileBackend.
 *
 * Options: cacheDirectory (entries go to <cacheDirectory>/<cache identifier>/; default
 * <Flow's temporary directory or baseDirectory>Cache/TagCache/Data/, .../Code/ for PhpFrontend
 * caches, created 0700), baseDirectory, defaultLifetime.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

use Neos\Cache\Backend\FreezableBackendInterface;
use Neos\Cache\Backend\IterableBackendInterface;
use Neos\Cache\Backend\PhpCapableBackendInterface;
use Neos\Cache\Backend\WithSetupInterface;
use Neos\Cache\Backend\WithStatusInterface;
use Neos\Cache\Backend\TaggableBackendInterface;
use TagCache\Backend\BackendInterface as NativeBackendInterface;
use TagCache\Backend\FileBackend as NativeFileBackend;

class FileBackend extends NativeBackend implements TaggableBackendInterface, PhpCapableBackendInterface, FreezableBackendInterface, IterableBackendInterface, WithSetupInterface, WithStatusInterface
{
    use FileOptions;
    use FileStatus;
    use Taggable;
    use Freezable;

    protected function createNative(bool $codeCache): NativeBackendInterface
    {
        return new NativeFileBackend($this->fileOptions($this->options, $codeCache));
    }

    /** @return mixed what the entry's code returns */
    public function requireOnce(string $entryIdentifier)
    {
        return $this->nativeRequireOnce($entryIdentifier);
    }

    /** This cache's directory, with a trailing slash as Flow's; "" before setCache(), as Flow's. */
    public function getCacheDirectory(): string
    {
        $native = $this->nativeOrNull();
        $directory = $native instanceof NativeFileBackend ? $native->getCacheDirectory() : null;
        return $directory === null ? '' : $directory . '/';
    }
}
