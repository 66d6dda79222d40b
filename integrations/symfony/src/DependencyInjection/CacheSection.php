<?php
// The cache half of the `tagcache` configuration: the CacheManager's caches in Flow's shape
// (`caches`, plus the manager's options at the root) and Symfony cache pools over them (`pools`).
// It registers the manager, one service per cache (`tagcache.cache.<identifier>`) with an
// autowiring alias, one adapter template per pool (`tagcache.adapter.<pool>`) for
// framework.cache.app / framework.cache.pools, and the console commands.

declare(strict_types=1);

namespace TagCache\Symfony\DependencyInjection;

use Symfony\Component\Config\Definition\Builder\ArrayNodeDefinition;
use Symfony\Component\DependencyInjection\Compiler\PassConfig;
use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\DependencyInjection\ContainerInterface;
use Symfony\Component\DependencyInjection\Reference;
use TagCache\CacheManager;
use TagCache\Frontend\FrontendInterface;
use TagCache\Symfony\Cache\TagCacheAdapter;
use TagCache\Symfony\Cache\TagCachePoolPass;
use TagCache\Symfony\Command\FlushCommand;
use TagCache\Symfony\Command\GarbageCollectCommand;
use TagCache\Symfony\Command\InvalidateTagsCommand;
use TagCache\Symfony\Command\ListCachesCommand;

final class CacheSection
{
    private const IDENTIFIER = '/^[a-zA-Z0-9_%\-&]{1,250}$/';
    private const POOL_NAME = '/^[a-zA-Z0-9_.\-]{1,200}$/';

    public static function configure(ArrayNodeDefinition $node): void
    {
        $node
            ->children()
                ->scalarNode('applicationIdentifier')
                    ->info('The CacheManager option: namespaces shared stores (Redis, shared memory, PDO, memcached) and file caches.')
                    ->defaultNull()
                    ->validate()
                        ->ifTrue(static fn ($v) => $v !== null && (!\is_string($v) || !preg_match(self::IDENTIFIER, $v)))
                        ->then(static fn ($v) => throw new \InvalidArgumentException(\sprintf('tagcache.applicationIdentifier "%s" must match %s.', get_debug_type($v) === 'string' ? $v : get_debug_type($v), self::IDENTIFIER)))
                    ->end()
                ->end()
                ->scalarNode('cacheDirectory')
                    ->info('Base directory of the file backends (default: %kernel.share_dir%/tagcache, else %kernel.cache_dir%/tagcache).')
                    ->defaultNull()
                ->end()
                ->scalarNode('persistentCacheDirectory')
                    ->info('Base directory of the caches marked persistent (default: cacheDirectory).')
                    ->defaultNull()
                ->end()
                ->arrayNode('caches')
                    ->info('The caches, as in Flow\'s Caches.yaml: a "Default" entry and one entry per cache identifier.')
                    ->useAttributeAsKey('identifier')
                    ->normalizeKeys(false)
                    ->validate()
                        ->always(static function (array $caches): array {
                            foreach (array_keys($caches) as $identifier) {
                                if (!preg_match(self::IDENTIFIER, (string) $identifier)) {
                                    throw new \InvalidArgumentException(\sprintf('tagcache.caches: the cache identifier "%s" must match %s.', $identifier, self::IDENTIFIER));
                                }
                            }
                            return $caches;
                        })
                    ->end()
                    ->arrayPrototype()
                        ->children()
                            ->scalarNode('frontend')
                                ->info('VariableFrontend, StringFrontend, PhpFrontend or a class implementing TagCache\Frontend\FrontendInterface.')
                                ->cannotBeEmpty()
                                ->validate()
                                    ->always(static fn ($v) => self::checkClass($v, 'Frontend', FrontendInterface::class))
                                ->end()
                            ->end()
                            ->scalarNode('backend')
                                ->info('FileBackend, RedisBackend, ... or a class implementing TagCache\Backend\BackendInterface.')
                                ->cannotBeEmpty()
                                ->validate()
                                    ->always(static fn ($v) => self::checkClass($v, 'Backend', \TagCache\Backend\BackendInterface::class))
                                ->end()
                            ->end()
                            ->variableNode('backendOptions')
                                ->info('Passed to the backend\'s constructor (see the Configuration reference of tagcache\'s README).')
                                ->validate()
                                    ->ifTrue(static fn ($v) => !\is_array($v))
                                    ->then(static fn ($v) => throw new \InvalidArgumentException(\sprintf('backendOptions must be a map of options, %s given.', get_debug_type($v))))
                                ->end()
                            ->end()
                            ->booleanNode('persistent')->end()
                        ->end()
                    ->end()
                ->end()
                ->arrayNode('pools')
                    ->info('Symfony cache pools over tagcache caches: each is the adapter service "tagcache.adapter.<name>" for framework.cache.app or framework.cache.pools.')
                    ->useAttributeAsKey('name')
                    ->normalizeKeys(false)
                    ->arrayPrototype()
                        ->beforeNormalization()
                            ->ifString()
                            ->then(static fn (string $v) => ['cache' => $v])
                        ->end()
                        ->children()
                            ->scalarNode('cache')
                                ->info('The tagcache cache identifier the pool stores in; its frontend must be VariableFrontend.')
                                ->isRequired()
                                ->cannotBeEmpty()
                            ->end()
                            ->integerNode('default_lifetime')
                                ->info('Seconds for items saved without an expiry (0 = unlimited); default: the backend\'s defaultLifetime. framework.cache.pools.<pool>.default_lifetime overrides it.')
                                ->min(0)
                                ->defaultNull()
                            ->end()
                            ->integerNode('lock_timeout_ms')
                                ->info('get(): how long a process waits for another computing the same key before computing itself (tagcache default 10000).')
                                ->min(0)
                                ->defaultNull()
                            ->end()
                            ->integerNode('lock_ttl_ms')
                                ->info('get(): how long a compute lock outlives a process that died while computing where the backend cannot notice it (tagcache default 30000).')
                                ->min(1)
                                ->defaultNull()
                            ->end()
                            ->integerNode('stale_while_revalidate')
                                ->info('get(): seconds past an entry\'s lifetime its value is still served while one process recomputes it (default 0).')
                                ->min(0)
                                ->defaultNull()
                            ->end()
                        ->end()
                    ->end()
                ->end()
            ->end()
            ->validate()
                ->always(static function (array $config): array {
                    foreach ($config['pools'] ?? [] as $pool => $options) {
                        self::checkPool((string) $pool, $options, $config['caches'] ?? []);
                    }
                    return $config;
                })
            ->end();
    }

    public static function load(array $config, ContainerBuilder $container): void
    {
        $caches = $config['caches'];
        $options = array_filter([
            'applicationIdentifier' => $config['applicationIdentifier'],
            'cacheDirectory' => $config['cacheDirectory']
                ?? ($container->hasParameter('kernel.share_dir') ? '%kernel.share_dir%/tagcache' : '%kernel.cache_dir%/tagcache'),
            'persistentCacheDirectory' => $config['persistentCacheDirectory'],
        ], static fn ($v) => $v !== null);

        $container->register('tagcache.cache_manager', CacheManager::class)
            ->setArguments([$caches, $options]);
        $container->setAlias(CacheManager::class, 'tagcache.cache_manager');

        $identifiers = array_values(array_filter(array_map('strval', array_keys($caches)), static fn ($id) => $id !== 'Default'));
        $container->setParameter('tagcache.cache_identifiers', $identifiers);
        foreach ($identifiers as $identifier) {
            $id = 'tagcache.cache.' . $identifier;
            $container->register($id, FrontendInterface::class)
                ->setFactory([new Reference('tagcache.cache_manager'), 'getCache'])
                ->setArguments([$identifier]);
            if (preg_match('/^[a-zA-Z]/', $identifier)) {
                // `FrontendInterface $fragmentsCache` for the cache "Fragments", as Symfony names pools.
                $container->registerAliasForArgument($id, FrontendInterface::class, $identifier . ' cache');
            }
        }

        foreach ($config['pools'] as $pool => $options) {
            $computeOptions = array_filter([
                'lockTimeoutMs' => $options['lock_timeout_ms'],
                'lockTtlMs' => $options['lock_ttl_ms'],
                'staleWhileRevalidate' => $options['stale_while_revalidate'],
            ], static fn ($v) => $v !== null);
            // Abstract, like FrameworkBundle's cache.adapter.*: each framework pool is a child of
            // it and CachePoolPass gives it its namespace (argument 0) and lifetime (argument 1).
            $container->register('tagcache.adapter.' . $pool, TagCacheAdapter::class)
                ->setAbstract(true)
                ->setArguments([
                    '',
                    $options['default_lifetime'],
                    new Reference('tagcache.cache.' . $options['cache']),
                    new Reference('tagcache.cache_observer', ContainerInterface::NULL_ON_INVALID_REFERENCE),
                    (string) $pool,
                    $computeOptions,
                ])
                ->addMethodCall('setLogger', [new Reference('logger', ContainerInterface::IGNORE_ON_INVALID_REFERENCE)])
                ->addTag('cache.pool', ['clearer' => 'cache.default_clearer', 'reset' => 'reset'])
                ->addTag('monolog.logger', ['channel' => 'cache']);
        }

        if (!class_exists(\Symfony\Component\Console\Command\Command::class)) {
            return;   // symfony/console is optional: no commands without it
        }
        $manager = new Reference('tagcache.cache_manager');
        foreach ([ListCachesCommand::class, FlushCommand::class, GarbageCollectCommand::class, InvalidateTagsCommand::class] as $class) {
            $container->register('tagcache.command.' . $class::NAME, $class)
                ->setArguments([$manager, '%tagcache.cache_identifiers%'])
                ->addTag('console.command', ['command' => $class::NAME]);
        }
    }

    public static function build(ContainerBuilder $container): void
    {
        // Before FrameworkBundle's CachePoolPass (32), which reads the tags this pass adds.
        $container->addCompilerPass(new TagCachePoolPass(), PassConfig::TYPE_BEFORE_OPTIMIZATION, 33);
    }

    private static function checkClass(mixed $name, string $kind, string $interface): string
    {
        if (!\is_string($name)) {
            throw new \InvalidArgumentException(\sprintf('The %s must be a class name, %s given.', strtolower($kind), get_debug_type($name)));
        }
        $class = class_exists($name) || interface_exists($name) ? $name : 'TagCache\\' . $kind . '\\' . $name;
        if (!class_exists($class)) {
            throw new \InvalidArgumentException(\sprintf('Unknown %s class "%s": neither a class nor TagCache\\%s\\%s.', strtolower($kind), $name, $kind, $name));
        }
        if (!is_subclass_of($class, $interface)) {
            throw new \InvalidArgumentException(\sprintf('The %s class "%s" does not implement %s.', strtolower($kind), $class, $interface));
        }
        return $name;
    }

    /** @param array<string, array<string, mixed>> $caches */
    private static function checkPool(string $pool, array $options, array $caches): void
    {
        if (!preg_match(self::POOL_NAME, $pool)) {
            throw new \InvalidArgumentException(\sprintf('tagcache.pools: the pool name "%s" must match %s.', $pool, self::POOL_NAME));
        }
        $cache = (string) $options['cache'];
        if ($cache === 'Default' || !isset($caches[$cache])) {
            $known = array_values(array_filter(array_map('strval', array_keys($caches)), static fn ($id) => $id !== 'Default'));
            throw new \InvalidArgumentException(\sprintf(
                'tagcache.pools.%s: the cache "%s" is not configured under tagcache.caches (configured: %s).',
                $pool,
                $cache,
                $known ? '"' . implode('", "', $known) . '"' : 'none',
            ));
        }
        $frontend = $caches[$cache]['frontend'] ?? $caches['Default']['frontend'] ?? 'VariableFrontend';
        $class = class_exists($frontend) ? $frontend : 'TagCache\\Frontend\\' . $frontend;
        if ($class !== \TagCache\Frontend\VariableFrontend::class && !is_subclass_of($class, \TagCache\Frontend\VariableFrontend::class)) {
            throw new \InvalidArgumentException(\sprintf('tagcache.pools.%s: the cache "%s" has the frontend "%s"; a pool needs VariableFrontend (it stores each value with its tags and expiry).', $pool, $cache, $frontend));
        }
    }
}
