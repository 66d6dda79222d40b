<?php
/*
 * Flow's WithSetupInterface and WithStatusInterface for the file backends, as Flow's
 * SimpleFileBackend answers them (flow:cache:setupall, flow:cache:show): setup makes sure the
 * cache directory exists, status reports it (and the base directory) or what is wrong with it.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

use Neos\Error\Messages\Error;
use Neos\Error\Messages\Notice;
use Neos\Error\Messages\Result;

trait FileStatus
{
    public function setup(): Result
    {
        $result = new Result();
        try {
            $this->verifyCacheDirectory();
        } catch (\Exception $exception) {
            $result->addError(new Error('Failed to configure cache directory', (int)$exception->getCode(), [$exception->getMessage()], 'Cache Directory'));
        }
        return $result;
    }

    public function getStatus(): Result
    {
        $result = new Result();
        try {
            $this->verifyCacheDirectory();
        } catch (\Exception $exception) {
            $result->addError(new Error($exception->getMessage(), (int)$exception->getCode(), [], 'Cache Directory'));
            return $result;
        }
        $baseDirectory = $this->options['baseDirectory'] ?? null;
        $result->addNotice(new Notice(is_string($baseDirectory) ? $baseDirectory : '-', null, [], 'Base Directory'));
        $result->addNotice(new Notice($this->getCacheDirectory(), null, [], 'Cache Directory'));
        return $result;
    }

    /** The native backend created the directory when it was bound; it must still be there and writable. */
    private function verifyCacheDirectory(): void
    {
        $this->bound();
        $directory = $this->getCacheDirectory();
        if (!is_dir($directory)) {
            throw new \Neos\Cache\Exception(sprintf('The cache directory "%s" does not exist.', $directory), 1203965199);
        }
        if (!is_writable($directory)) {
            throw new \Neos\Cache\Exception(sprintf('The cache directory "%s" is not writable.', $directory), 1203965200);
        }
    }
}
