<?php
// Turns the `tagcache` configuration into services: each section registers its own.

declare(strict_types=1);

namespace TagCache\Symfony\DependencyInjection;

use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\DependencyInjection\Extension\Extension;

final class TagCacheExtension extends Extension
{
    public function load(array $configs, ContainerBuilder $container): void
    {
        $config = $this->processConfiguration(new Configuration(), $configs);
        CacheSection::load($config, $container);
        HttpSection::load($config['http'], $container);
    }

    public function getAlias(): string
    {
        return 'tagcache';
    }
}
