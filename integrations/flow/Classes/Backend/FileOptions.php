<?php
/*
 * Flow's file backend options to the native ones: where a cache's files go when Caches.yaml
 * does not say, and a clear refusal of directories the native backend cannot write.
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
        if (!array_key_exists('cacheDirectory', $options)) {
            $environment = $this->environment();
            if ($environment === null) {
                return $options;
            }
            // Flow's default layout: <temporary directory>Cache/{Data,Code}/<cache identifier>/
            $options['cacheDirectory'] = rtrim($environment->getFileCacheBasePath(), '/') . '/Cache/' . ($codeCache ? 'Code' : 'Data');
        }
        $directory = $options['cacheDirectory'];
        if (is_string($directory) && str_contains($directory, '://')) {
            // The native backend writes with system calls: a PHP stream wrapper is out of its reach.
            throw new Exception(sprintf('Cache directory "%s" is a stream wrapper URL: the tagcache file backends need a local directory path', $directory), 1732990003);
        }
        if (is_string($directory) && strlen($directory) > 1) {
            $options['cacheDirectory'] = rtrim($directory, '/');
        }
        return $options;
    }
}
