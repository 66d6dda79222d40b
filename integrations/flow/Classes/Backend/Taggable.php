<?php
/*
 * Flow's TaggableBackendInterface, delegated to the native backend's tag index.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

trait Taggable
{
    public function flushByTag(string $tag): int
    {
        return $this->bound()->flushByTag($tag);
    }

    public function flushByTags(array $tags): int
    {
        return $this->bound()->flushByTags($tags);
    }

    public function findIdentifiersByTag(string $tag): array
    {
        return $this->bound()->findIdentifiersByTag($tag);
    }
}
