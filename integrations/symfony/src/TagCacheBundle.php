<?php
// The bundle: registers the `tagcache` configuration tree and the compiler passes of its two
// halves, the caches (CacheSection) and HTTP cache invalidation (HttpSection).

declare(strict_types=1);

namespace TagCache\Symfony;

use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\DependencyInjection\Extension\ExtensionInterface;
use Symfony\Component\HttpKernel\Bundle\Bundle;
use TagCache\Symfony\DependencyInjection\CacheSection;
use TagCache\Symfony\DependencyInjection\HttpSection;
use TagCache\Symfony\DependencyInjection\TagCacheExtension;

final class TagCacheBundle extends Bundle
{
    public function build(ContainerBuilder $container): void
    {
        parent::build($container);
        CacheSection::build($container);
        HttpSection::build($container);
    }

    public function getContainerExtension(): ExtensionInterface
    {
        return new TagCacheExtension();
    }
}
