<?php
/*
 * Flow's PdoBackend over tagcache's native PDO backend (SQLite, MariaDB/MySQL, PostgreSQL): an
 * indexed tag table and one transaction per set. Name it in Caches.yaml as
 * TagCache\Flow\Backend\PdoBackend. Options have Flow's names: dataSourceName, username,
 * password, driverOptions, cacheTableName, tagsTableName, batchSize, defaultLifetime; and the
 * native applicationIdentifier, by default md5(Flow's application identifier).
 * setup() (flow:cache:setup) creates the tables; SQLite creates them on first use anyway.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

use Neos\Cache\Backend\IterableBackendInterface;
use Neos\Cache\Backend\PhpCapableBackendInterface;
use Neos\Cache\Backend\TaggableBackendInterface;
use Neos\Cache\Backend\WithSetupInterface;
use Neos\Cache\Backend\WithStatusInterface;
use Neos\Error\Messages\Error;
use Neos\Error\Messages\Notice;
use Neos\Error\Messages\Result;
use TagCache\Backend\BackendInterface as NativeBackendInterface;
use TagCache\Backend\PdoBackend as NativePdoBackend;

class PdoBackend extends NativeBackend implements TaggableBackendInterface, PhpCapableBackendInterface, IterableBackendInterface, WithSetupInterface, WithStatusInterface
{
    use Taggable;

    protected function createNative(bool $codeCache): NativeBackendInterface
    {
        $options = $this->options;
        $options['applicationIdentifier'] ??= $this->applicationIdentifier();
        return new NativePdoBackend($options);
    }

    /** @return mixed what the entry's code returns */
    public function requireOnce(string $entryIdentifier)
    {
        return $this->nativeRequireOnce($entryIdentifier);
    }

    public function setup(): Result
    {
        $result = new Result();
        try {
            $this->nativeUnbound()->setup();
            $result->addNotice(new Notice('The cache tables exist.'));
        } catch (\RuntimeException $e) {
            $result->addError(new Error($e->getMessage(), $e->getCode()));
        }
        return $result;
    }

    public function getStatus(): Result
    {
        $result = new Result();
        try {
            $this->nativeUnbound()->has('TagCache_Flow_status_probe');
            $result->addNotice(new Notice('The database answers.'));
        } catch (\Throwable $e) {
            $result->addError(new Error($e->getMessage(), (int)$e->getCode()));
        }
        return $result;
    }
}
