<?php
/*
 * Flow's file backend options to the native ones: where a cache's files go when Caches.yaml
 * does not say (a folder the bridge owns, created private), Flow's baseDirectory (persistent
 * caches), and a clear refusal of directories the native backend cannot write.
 */

declare(strict_types=1);

namespace TagCache\Flow\Backend;

use Neos\Cache\Exception;

trait FileOptions
{
    /**
     * @param array<string, mixed> $options Flow's options
     * @return array<string, mixed> the native backend's options
     */
    private function fileOptions(array $options, bool $codeCache): array
    {
        // Flow's configureCacheDirectory(): baseDirectory (Data/Persistent/ for persistent
        // caches) stands in for the temporary directory; cacheDirectory wins over both.
        $baseDirectory = $options['baseDirectory'] ?? null;
        unset($options['baseDirectory']);
        if ($baseDirectory !== null && (!is_string($baseDirectory) || $baseDirectory === '')) {
            throw new \InvalidArgumentException(sprintf('%s option "baseDirectory" must be a non-empty directory path, got %s', (new \ReflectionClass($this))->getShortName(), get_debug_type($baseDirectory)), 1732990007);
        }
        if (!array_key_exists('cacheDirectory', $options)) {
            $environment = $this->environment();
            if ($baseDirectory === null && $environment === null) {
                return $options;
            }
            $base = $baseDirectory ?? $environment->getFileCacheBasePath();
            $this->refuseStreamWrapper($base);
            // Not Flow's Cache/Data and Cache/Code: Flow creates those world-writable (umask 0,
            // mode 0777), which the native backend rightly refuses. Cache/TagCache is the
            // bridge's own, created private to the PHP user: the CLI and the web server must
            // run as one user (README, "Permissions").
            $options['cacheDirectory'] = rtrim($base, '/') . '/Cache/TagCache/' . ($codeCache ? 'Code' : 'Data');
            $this->createPrivateDirectory($options['cacheDirectory']);
        }
        $directory = $options['cacheDirectory'];
        if (is_string($directory)) {
            $this->refuseStreamWrapper($directory);
            $this->refuseFileInPath($directory);
            if (strlen($directory) > 1) {
                $options['cacheDirectory'] = rtrim($directory, '/');
            }
        }
        return $options;
    }

    private function refuseStreamWrapper(string $directory): void
    {
        if (str_contains($directory, '://')) {
            // The native backend writes with system calls: a PHP stream wrapper is out of its reach.
            throw new Exception(sprintf('Cache directory "%s" is a stream wrapper URL: the tagcache file backends need a local directory path', $directory), 1732990003);
        }
    }

    /** Flow's backends report a directory they cannot create as Neos\Cache\Exception; so does this one. */
    private function refuseFileInPath(string $directory): void
    {
        for ($path = rtrim($directory, '/'); $path !== '' && $path !== '.' && $path !== '/'; $path = dirname($path)) {
            if (file_exists($path) || is_link($path)) {
                if (!is_dir($path)) {
                    throw new Exception(sprintf('The cache directory "%s" could not be created: "%s" is not a directory.', $directory, $path), 1264426237);
                }
                return;
            }
        }
    }

    private function createPrivateDirectory(string $directory): void
    {
        if (is_dir($directory)) {
            return;
        }
        $this->refuseFileInPath($directory);
        if (!@mkdir($directory, 0700, true) && !is_dir($directory)) {
            $error = error_get_last()['message'] ?? 'unknown error';
            throw new Exception(sprintf('The cache directory "%s" could not be created: %s', $directory, $error), 1264426237);
        }
    }
}
