<?php
/*
 * Flow's SimpleFileBackend over tagcache's native simple file backend: one file per entry, no
 * tags and no lifetimes, PHP entries included through the engine so OPcache serves them.
 * Name it in Caches.yaml as TagCache\Flow\Backend\SimpleFileBackend.
 *
 * Options: cacheDirectory, baseDirectory (as FileBackend's). Flow's SimpleFileBackend accepts and ignores
 * defaultLifetime (its entries never expire) and tags; so does this one.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

use Neos\Cache\Backend\IterableBackendInterface;
use Neos\Cache\Backend\PhpCapableBackendInterface;
use Neos\Cache\Backend\WithSetupInterface;
use Neos\Cache\Backend\WithStatusInterface;
use TagCache\Backend\BackendInterface as NativeBackendInterface;
use TagCache\Backend\SimpleFileBackend as NativeSimpleFileBackend;

class SimpleFileBackend extends NativeBackend implements PhpCapableBackendInterface, IterableBackendInterface, WithSetupInterface, WithStatusInterface
{
    use FileOptions;
    use FileStatus;

    protected function createNative(bool $codeCache): NativeBackendInterface
    {
        $options = $this->options;
        // Flow's SimpleFileBackend takes defaultLifetime from AbstractBackend and never uses it.
        unset($options['defaultLifetime']);
        return new NativeSimpleFileBackend($this->fileOptions($options, $codeCache));
    }

    /**
     * Flow's BackendInterface lets a backend without tags ignore them, and Flow's own
     * SimpleFileBackend does (Flow's PhpFrontend caches pass tags to it); the native backend
     * refuses them, so they are dropped here. flushByTag() of Flow's frontend answers 0.
     * Lifetimes likewise: Flow's SimpleFileBackend keeps every entry until it is removed or
     * flushed, whatever lifetime set() names, and so does this one.
     */
    public function set(string $entryIdentifier, string $data, array $tags = [], int $lifetime = null): void
    {
        parent::set($entryIdentifier, $data, [], null);
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
        $directory = $native instanceof NativeSimpleFileBackend ? $native->getCacheDirectory() : null;
        return $directory === null ? '' : $directory . '/';
    }
}
