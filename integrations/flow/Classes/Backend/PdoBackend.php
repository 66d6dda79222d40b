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

    /** Flow's PdoBackend takes batchSize as an int; settings from %env(...)% arrive as strings. */
    protected const INTEGER_OPTIONS = ['defaultLifetime', 'batchSize'];

    /** The native backend's most rows per statement (3 parameters a row, SQLite's 999 at most). */
    private const MAX_BATCH_SIZE = 300;

    protected function createNative(bool $codeCache): NativeBackendInterface
    {
        $options = $this->options;
        // Flow passes username '' to PDO for "none" (its default); the native one wants it left out.
        if (($options['username'] ?? null) === '') {
            unset($options['username']);
        }
        // Flow's default is 999 parameters' worth; the native batches count rows: at most 300.
        if (is_int($options['batchSize'] ?? null) && $options['batchSize'] > self::MAX_BATCH_SIZE) {
            $options['batchSize'] = self::MAX_BATCH_SIZE;
        }
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
