<?php
/*
 * Flow's FreezableBackendInterface, delegated: the native freeze is seen by every process
 * and backend object of the cache, and flush() thaws it, as in Flow.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

trait Freezable
{
    public function freeze(): void
    {
        $this->bound()->freeze();
    }

    /** Before setCache() nothing is frozen (Flow's answer too). */
    public function isFrozen(): bool
    {
        $native = $this->nativeOrNull();
        return $native !== null && $native->isFrozen();
    }
}
