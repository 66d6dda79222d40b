<?php
/*
 * What Flow's CacheManager does with Caches.yaml, reduced to the part the bridge meets: each
 * cache's keys over Default's (Flow merges per key, backendOptions as one value), then
 * neos/cache's own CacheFactory builds the frontend and the backend and calls setCache().
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests\Functional;

use Neos\Cache\CacheFactory;
use Neos\Cache\EnvironmentConfiguration;
use Neos\Cache\Frontend\FrontendInterface;

final class CachesYaml
{
    /** @var array<string, FrontendInterface> */
    private array $caches = [];

    private CacheFactory $factory;

    /** @param array<string, array<string, mixed>> $configuration Caches.yaml as an array */
    public function __construct(private readonly array $configuration, EnvironmentConfiguration $environment)
    {
        $this->factory = new CacheFactory($environment);
    }

    public function getCache(string $identifier): FrontendInterface
    {
        if (!isset($this->caches[$identifier])) {
            $settings = array_merge($this->configuration['Default'] ?? [], $this->configuration[$identifier]);
            $this->caches[$identifier] = $this->factory->create($identifier, $settings['frontend'], $settings['backend'], $settings['backendOptions'] ?? []);
        }
        return $this->caches[$identifier];
    }

    /** flow:cache:flush: every configured cache, built or not. */
    public function flushCaches(): void
    {
        foreach (array_keys($this->configuration) as $identifier) {
            if ($identifier !== 'Default') {
                $this->getCache($identifier)->flush();
            }
        }
    }
}
