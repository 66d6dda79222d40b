<?php
// The `tagcache` configuration tree. The caches (Flow's Caches.yaml shape) and the pools sit at
// the root (CacheSection); proxies, tag mode and header names sit under `http` (HttpSection).

declare(strict_types=1);

namespace TagCache\Symfony\DependencyInjection;

use Symfony\Component\Config\Definition\Builder\TreeBuilder;
use Symfony\Component\Config\Definition\ConfigurationInterface;

final class Configuration implements ConfigurationInterface
{
    public function getConfigTreeBuilder(): TreeBuilder
    {
        $tree = new TreeBuilder('tagcache');
        $root = $tree->getRootNode();
        CacheSection::configure($root);
        HttpSection::configure($root->children()->arrayNode('http')->addDefaultsIfNotSet());
        return $tree;
    }
}
