<?php
/*
 * Flow's TransientMemoryBackend over tagcache's native one: entries in this process's memory,
 * with tags. Name it in Caches.yaml as TagCache\Flow\Backend\TransientMemoryBackend.
 * Like Flow's, it keeps every entry until it is removed or flushed: lifetimes and the
 * defaultLifetime option (accepted and checked) are ignored.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

use Neos\Cache\Backend\IterableBackendInterface;
use Neos\Cache\Backend\TaggableBackendInterface;
use TagCache\Backend\BackendInterface as NativeBackendInterface;
use TagCache\Backend\TransientMemoryBackend as NativeTransientMemoryBackend;

class TransientMemoryBackend extends NativeBackend implements TaggableBackendInterface, IterableBackendInterface
{
    use Taggable;

    protected function createNative(bool $codeCache): NativeBackendInterface
    {
        $options = $this->options;
        if (array_key_exists('defaultLifetime', $options)) {
            // Checked by the native backend as Flow's AbstractBackend checks it, then unused.
            new NativeTransientMemoryBackend(['defaultLifetime' => $options['defaultLifetime']]);
        }
        $options['defaultLifetime'] = 0;
        return new NativeTransientMemoryBackend($options);
    }

    /** Flow's TransientMemoryBackend stores every entry for the whole request, whatever the lifetime. */
    public function set(string $entryIdentifier, string $data, array $tags = [], int $lifetime = null): void
    {
        parent::set($entryIdentifier, $data, $tags, 0);
    }
}
