<?php
// Finishes the cache pools FrameworkBundle built over a tagcache adapter (framework.cache.app or
// framework.cache.pools.<pool>.adapter: tagcache.adapter.<name>):
// - gives each its pool name, the name it reports to the CacheObserver;
// - tags it `cache.taggable`, so cache:pool:invalidate-tags reaches it;
// - replaces the TagAwareAdapter FrameworkBundle wraps around a pool (cache.app.taggable,
//   .<pool>.taggable, or the pool itself with `tags: true`) by an alias of the pool: the tagcache
//   adapter is tag-aware itself, and the wrapper would keep a second set of tags beside it;
// - on FrameworkBundle before 7.3, which has no autowiring alias for NamespacedPoolInterface,
//   adds the one 7.3 adds (to cache.app) when cache.app is a tagcache pool.

declare(strict_types=1);

namespace TagCache\Symfony\Cache;

use Symfony\Component\Cache\Adapter\TagAwareAdapter;
use Symfony\Component\DependencyInjection\Alias;
use Symfony\Component\DependencyInjection\ChildDefinition;
use Symfony\Component\DependencyInjection\Compiler\CompilerPassInterface;
use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\DependencyInjection\Exception\InvalidArgumentException;
use Symfony\Component\DependencyInjection\Reference;
use Symfony\Contracts\Cache\NamespacedPoolInterface;

final class TagCachePoolPass implements CompilerPassInterface
{
    public function process(ContainerBuilder $container): void
    {
        $tagcachePools = [];
        foreach ($container->findTaggedServiceIds('cache.pool') as $id => $tags) {
            $definition = $container->getDefinition($id);
            if ($definition->isAbstract() || !$definition instanceof ChildDefinition || !$this->isTagCache($container, $definition)) {
                continue;
            }
            $name = $tags[0]['name'] ?? $id;
            if (isset($tags[0]['provider'])) {
                throw new InvalidArgumentException(\sprintf('The cache pool "%s" uses a tagcache adapter, which takes no "provider": the tagcache cache it stores in is set under tagcache.pools.', $name));
            }
            $definition->replaceArgument(4, $name);
            if (!$definition->hasTag('cache.taggable')) {
                $definition->addTag('cache.taggable', ['pool' => $name]);
            }
            $tagcachePools[$id] = true;
        }
        if (!$tagcachePools) {
            return;
        }
        if (isset($tagcachePools['cache.app']) && interface_exists(NamespacedPoolInterface::class)
            && !$container->has(NamespacedPoolInterface::class)) {
            $container->setAlias(NamespacedPoolInterface::class, 'cache.app');
        }
        foreach ($container->findTaggedServiceIds('cache.taggable') as $id => $tags) {
            $definition = $container->getDefinition($id);
            if ($definition->getClass() !== TagAwareAdapter::class) {
                continue;
            }
            $inner = $definition->getArguments()[0] ?? null;
            if (!$inner instanceof Reference) {
                continue;
            }
            $innerId = (string) $inner;
            while ($container->hasAlias($innerId)) {
                $innerId = (string) $container->getAlias($innerId);
            }
            if (!isset($tagcachePools[$innerId])) {
                continue;
            }
            $public = $definition->isPublic();
            $container->removeDefinition($id);
            $container->setAlias($id, new Alias($innerId, $public));
        }
    }

    private function isTagCache(ContainerBuilder $container, ChildDefinition $definition): bool
    {
        $seen = 0;
        while ($definition instanceof ChildDefinition && $seen++ < 32) {
            if ($definition->getClass() !== null) {
                return is_a($definition->getClass(), TagCacheAdapter::class, true);
            }
            $parent = $definition->getParent();
            if (!$container->has($parent)) {
                return false;
            }
            $definition = $container->findDefinition($parent);
        }
        return $definition->getClass() !== null && is_a($definition->getClass(), TagCacheAdapter::class, true);
    }
}
