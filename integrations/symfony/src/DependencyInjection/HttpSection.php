<?php
// The HTTP half of the `tagcache` configuration (the `http` node) and its services: the
// extension's VarnishClient, Purger, ResponseTagger and EventDispatcher, the cache observer that
// tags the response with the tags of the cache entries a page was built from, the kernel.response
// and kernel.terminate listeners, clear listeners gathered by service tag, and the data collector.

declare(strict_types=1);

namespace TagCache\Symfony\DependencyInjection;

use Symfony\Component\Config\Definition\Builder\ArrayNodeDefinition;
use Symfony\Component\DependencyInjection\Argument\ServiceClosureArgument;
use Symfony\Component\DependencyInjection\Compiler\PassConfig;
use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\DependencyInjection\ContainerInterface;
use Symfony\Component\DependencyInjection\Reference;
use TagCache\Http\ContentCacheClearEvent;
use TagCache\Http\EventDispatcher;
use TagCache\Http\EventSubscriberInterface;
use TagCache\Http\Purger;
use TagCache\Http\ResponseTagger;
use TagCache\Http\VarnishClient;
use TagCache\Symfony\Cache\CacheObserver;
use TagCache\Symfony\DataCollector\TagCacheDataCollector;
use TagCache\Symfony\EventListener\PurgeListener;
use TagCache\Symfony\EventListener\ResponseTaggingListener;
use TagCache\Symfony\Http\ClearListenerPass;
use TagCache\Symfony\Http\RequestLog;
use TagCache\Symfony\Http\ResponseTaggingObserver;

final class HttpSection
{
    /** The service tag of clear listeners (TagCache\Http\EventSubscriberInterface classes get it by autoconfiguration). */
    public const CLEAR_LISTENER_TAG = 'tagcache.clear_listener';

    // RFC 9110 token: what a header name may hold.
    private const HEADER_NAME = '/^[!#$%&\'*+\-.^_`|~0-9A-Za-z]+$/';

    public static function configure(ArrayNodeDefinition $node): void
    {
        $node
            ->canBeEnabled()
            ->info('HTTP cache invalidation: response tagging and proxy purges')
            ->children()
                ->arrayNode('proxies')
                    ->info('Varnish servers, all purged at once: "host:port", "[::1]:port", "http://host:port" or {host, port}')
                    ->beforeNormalization()->ifString()->then(static fn(string $v): array => [$v])->end()
                    ->arrayPrototype()
                        ->beforeNormalization()->ifString()->then(static fn(string $v): array => self::splitProxy($v))->end()
                        ->children()
                            ->scalarNode('host')->isRequired()
                                ->validate()->ifTrue(static fn($v) => !self::isHost($v))
                                    ->then(static fn($v) => throw new \InvalidArgumentException(sprintf(
                                        'Proxy host %s is not a host name, an IPv4 address or an IPv6 address', json_encode($v))))
                                ->end()
                            ->end()
                            ->scalarNode('port')->defaultValue(80)
                                ->validate()->ifTrue(static fn($v) => !self::isPort($v))
                                    ->then(static fn($v) => throw new \InvalidArgumentException(sprintf(
                                        'Proxy port %s is not a port: an integer from 1 to 65535', json_encode($v))))
                                ->end()
                                ->validate()->always(static fn($v): int => (int)$v)->end()
                            ->end()
                        ->end()
                    ->end()
                ->end()
                ->scalarNode('host')->defaultNull()
                    ->info('Host header of the invalidation requests (default: the proxy\'s address)')
                    ->validate()->ifTrue(static fn($v) => !\is_string($v) || preg_match('/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-]+)(:\d{1,5})?$/', $v) !== 1)
                        ->then(static fn($v) => throw new \InvalidArgumentException(sprintf('Host header %s is not "host" or "host:port"', json_encode($v))))
                    ->end()
                ->end()
                ->enumNode('tag_mode')->values(['ban', 'xkey'])->defaultValue('ban')
                    ->info('ban: BAN with a tag regex; xkey: PURGEKEYS (needs tagcache-xkey.vcl)')
                ->end()
                ->booleanNode('soft_purge')->defaultFalse()->info('xkey mode: xkey-softpurge instead of xkey-purge')->end()
                ->arrayNode('headers')
                    ->addDefaultsIfNotSet()
                    ->children()
                        ->scalarNode('tags')->defaultValue('X-Cache-Tags')
                            ->info('the response tag header and the ban header (the shipped VCL reads X-Cache-Tags)')
                            ->validate()->ifTrue(static fn($v) => !self::isHeaderName($v))
                                ->then(static fn($v) => throw new \InvalidArgumentException(sprintf('Header name %s is not an HTTP token', json_encode($v))))
                            ->end()
                        ->end()
                        ->scalarNode('stale')->defaultValue('X-Tagcache-Stale')
                            ->info('the mark of a page whose tags were flushed while it was built (with `guard`)')
                            ->validate()->ifTrue(static fn($v) => !self::isHeaderName($v))
                                ->then(static fn($v) => throw new \InvalidArgumentException(sprintf('Header name %s is not an HTTP token', json_encode($v))))
                            ->end()
                        ->end()
                        ->integerNode('length')->defaultValue(7500)->min(256)->max(1048576)
                            ->info('bytes of one header line, of the response tag header and of invalidation requests')
                        ->end()
                    ->end()
                    ->validate()->ifTrue(static fn(array $h) => strcasecmp((string)$h['tags'], (string)$h['stale']) === 0)
                        ->then(static fn(array $h) => throw new \InvalidArgumentException(sprintf(
                            'tagcache.http.headers.stale %s is the same header as tagcache.http.headers.tags %s: the stale mark would be read as a tag', json_encode($h['stale']), json_encode($h['tags']))))
                    ->end()
                ->end()
                ->floatNode('connect_timeout')->defaultValue(1.0)->min(0.001)->max(3600.0)->end()
                ->floatNode('timeout')->defaultValue(5.0)->min(0.001)->max(3600.0)->end()
                ->integerNode('max_connections')->defaultValue(64)->min(1)->max(4096)->end()
                ->floatNode('second_send_delay')->defaultValue(2.0)->min(0.0)->max(3600.0)
                    ->info('each successful invalidation is sent again this much later (0: never)')
                ->end()
                ->booleanNode('keep_failed')->defaultTrue()
                    ->info('failed invalidations stay queued in the Purger for its next flush')
                ->end()
                ->booleanNode('response_tagging')->defaultTrue()
                    ->info('add the ResponseTagger\'s tags to cacheable main responses')
                ->end()
                ->booleanNode('purge_on_terminate')->defaultTrue()
                    ->info('flush the Purger on kernel.terminate and console.terminate')
                ->end()
                ->scalarNode('guard')->defaultNull()
                    ->info('service id of a tagcache cache or backend with write tickets: marks pages whose tags were flushed while built')
                ->end()
                ->scalarNode('logger')->defaultTrue()
                    ->info('PSR-3 logger service for purge failures: true = the "logger" service when there is one, a service id (which must exist), null or false = none (PHP\'s error log)')
                    ->validate()->ifTrue(static fn($v) => !\is_bool($v) && $v !== null && (!\is_string($v) || $v === ''))
                        ->then(static fn($v) => throw new \InvalidArgumentException(sprintf('Logger %s is not a service id, true or null', json_encode($v))))
                    ->end()
                ->end()
            ->end();
    }

    public static function load(array $config, ContainerBuilder $container): void
    {
        if (!$config['enabled']) {
            return;
        }
        $proxies = array_map(static fn(array $p): string => self::formatProxy($p['host'], $p['port']), $config['proxies']);
        $clientOptions = [
            'tagMode' => $config['tag_mode'],
            'softPurge' => $config['soft_purge'],
            'tagsHeader' => $config['headers']['tags'],
            'headerLength' => $config['headers']['length'],
            'connectTimeout' => $config['connect_timeout'],
            'timeout' => $config['timeout'],
            'maxConnections' => $config['max_connections'],
            'secondSendDelay' => $config['second_send_delay'],
        ];
        if ($config['host'] !== null) {
            $clientOptions['host'] = $config['host'];
        }
        $container->register('tagcache.http.event_dispatcher', EventDispatcher::class)
            ->addMethodCall('addListener', [ContentCacheClearEvent::NAME, [new Reference('tagcache.http.request_log'), 'onContentCacheClear'], RequestLog::LISTENER_PRIORITY]);
        // Without proxies the bundle still tags responses (another system may purge); the
        // client refuses an empty list, so the purge services exist only with proxies.
        $purging = $proxies !== [];
        if ($purging) {
            $container->register('tagcache.http.varnish_client', VarnishClient::class)
                ->setArguments([$proxies, $clientOptions]);
            $container->register('tagcache.http.purger', Purger::class)
                ->setArguments([
                    new Reference('tagcache.http.varnish_client'),
                    new Reference('tagcache.http.event_dispatcher'),
                    ['keepFailed' => $config['keep_failed']],
                ]);
            $container->setAlias(VarnishClient::class, 'tagcache.http.varnish_client');
            $container->setAlias(Purger::class, 'tagcache.http.purger');
        }
        $taggerOptions = [
            'headerName' => $config['headers']['tags'],
            'headerLength' => $config['headers']['length'],
            'staleHeader' => $config['headers']['stale'],
        ];
        $guardTagger = null;
        if ($config['guard'] !== null) {
            $taggerOptions['guard'] = new Reference($config['guard']);
            // holds the tags the pools store entries with (encoded, namespace tags), which the
            // guard records flushes of; never rendered
            $container->register('tagcache.http.guard_tagger', ResponseTagger::class)
                ->setArguments([$taggerOptions])
                ->addTag('kernel.reset', ['method' => 'clear']);
            $guardTagger = new Reference('tagcache.http.guard_tagger');
        }
        // clear() at kernel.reset: a worker serving several requests starts each page afresh
        $container->register('tagcache.http.response_tagger', ResponseTagger::class)
            ->setArguments([$taggerOptions])
            ->addTag('kernel.reset', ['method' => 'clear']);
        $container->register('tagcache.http.request_log', RequestLog::class)
            ->addTag('kernel.reset', ['method' => 'reset']);
        $container->register('tagcache.cache_observer', ResponseTaggingObserver::class)
            ->setArguments([
                new Reference('tagcache.http.response_tagger'),
                new Reference('tagcache.http.request_log'),
                $guardTagger,
                new Reference('request_stack', ContainerInterface::NULL_ON_INVALID_REFERENCE),
            ]);
        foreach ([
            EventDispatcher::class => 'tagcache.http.event_dispatcher',
            ResponseTagger::class => 'tagcache.http.response_tagger',
            CacheObserver::class => 'tagcache.cache_observer',
        ] as $class => $id) {
            $container->setAlias($class, $id);
        }

        // the default (true) takes `logger` if the application has one; a logger named
        // explicitly must exist: a typo stops the build instead of silencing every failure
        $logger = match (true) {
            $config['logger'] === true => new Reference('logger', ContainerInterface::NULL_ON_INVALID_REFERENCE),
            \is_string($config['logger']) => new Reference($config['logger']),
            default => null,
        };
        if ($config['response_tagging']) {
            $container->register('tagcache.http.response_listener', ResponseTaggingListener::class)
                ->setArguments([new Reference('tagcache.http.response_tagger'), new Reference('tagcache.http.request_log'), $guardTagger])
                // after the session listener (-1000), which turns a response private when the
                // session was used: the tags go only on what a shared cache may store
                ->addTag('kernel.event_listener', ['event' => 'kernel.response', 'method' => 'onKernelResponse', 'priority' => -1100]);
        }
        if ($purging && $config['purge_on_terminate']) {
            // priority 0 runs before the profiler saves the profile (-1024), so the collector sees
            // the outcome. The Purger (with the dispatcher and every clear listener) is built
            // only when something is queued.
            $container->register('tagcache.http.purge_listener', PurgeListener::class)
                ->setArguments([
                    new Reference('tagcache.http.varnish_client'),
                    new ServiceClosureArgument(new Reference('tagcache.http.purger')),
                    new Reference('tagcache.http.request_log'),
                    $logger,
                ])
                ->addTag('kernel.event_listener', ['event' => 'kernel.terminate', 'method' => 'onTerminate'])
                ->addTag('kernel.event_listener', ['event' => 'console.terminate', 'method' => 'onTerminate']);
        }
        // used only when the profiler is on (FrameworkBundle's ProfilerPass reads the tag)
        $container->register('tagcache.http.data_collector', TagCacheDataCollector::class)
            ->setArguments([new Reference('tagcache.http.request_log'), $proxies, $config['tag_mode']])
            ->addTag('data_collector', ['id' => TagCacheDataCollector::NAME, 'template' => '@TagCache/Collector/tagcache.html.twig']);

        $container->registerForAutoconfiguration(EventSubscriberInterface::class)->addTag(self::CLEAR_LISTENER_TAG);
    }

    public static function build(ContainerBuilder $container): void
    {
        // before removing, as Symfony's RegisterListenersPass: autoconfiguration and child
        // definitions are resolved by then, so a tagged service's class is known
        $container->addCompilerPass(new ClearListenerPass(), PassConfig::TYPE_BEFORE_REMOVING);
    }

    /** "host:port", "[v6]:port" or "http://host:port" as {host, port}; anything else goes to host, to be refused there by name. */
    private static function splitProxy(string $proxy): array
    {
        $rest = preg_replace('#^http://#i', '', $proxy);
        if (preg_match('/^\[([^\]]*)\](?::(\d+))?$/', $rest, $m) || preg_match('/^([^:\[\]]*)(?::(\d+))?$/', $rest, $m)) {
            return isset($m[2]) && $m[2] !== '' ? ['host' => $m[1], 'port' => (int)$m[2]] : ['host' => $m[1]];
        }
        if (preg_match('/^(.*):(-?\d+)$/', $rest, $m)) {
            return ['host' => $m[1], 'port' => (int)$m[2]];
        }
        return ['host' => $proxy];
    }

    private static function isHost(mixed $host): bool
    {
        return \is_string($host) && (filter_var($host, FILTER_VALIDATE_IP) !== false
            || filter_var($host, FILTER_VALIDATE_DOMAIN, FILTER_FLAG_HOSTNAME) !== false);
    }

    private static function isPort(mixed $port): bool
    {
        $port = \is_string($port) && ctype_digit($port) ? (int)$port : $port;
        return \is_int($port) && $port >= 1 && $port <= 65535;
    }

    private static function isHeaderName(mixed $name): bool
    {
        return \is_string($name) && preg_match(self::HEADER_NAME, $name) === 1;
    }

    private static function formatProxy(string $host, int $port): string
    {
        return (filter_var($host, FILTER_VALIDATE_IP, FILTER_FLAG_IPV6) !== false ? "[$host]" : $host) . ':' . $port;
    }
}
