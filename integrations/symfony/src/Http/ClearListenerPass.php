<?php
// Adds the services tagged `tagcache.clear_listener` to the tagcache EventDispatcher
// (`tagcache.http.event_dispatcher`), the way eZ Platform gathers its
// ezpublish.http_cache.event_subscriber services. A TagCache\Http\EventSubscriberInterface class
// is added with addSubscriber() (its getSubscribedEvents() says what it listens to); any other
// service with addListener() and the tag's attributes: event (default the content cache clear
// event), method (default __invoke), priority (default 0).

declare(strict_types=1);

namespace TagCache\Symfony\Http;

use Symfony\Component\DependencyInjection\Compiler\CompilerPassInterface;
use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\DependencyInjection\Exception\InvalidArgumentException;
use Symfony\Component\DependencyInjection\Reference;
use TagCache\Http\ContentCacheClearEvent;
use TagCache\Http\EventSubscriberInterface;
use TagCache\Symfony\DependencyInjection\HttpSection;

final class ClearListenerPass implements CompilerPassInterface
{
    public function process(ContainerBuilder $container): void
    {
        if (!$container->hasDefinition('tagcache.http.event_dispatcher')) {
            return;
        }
        $dispatcher = $container->getDefinition('tagcache.http.event_dispatcher');
        foreach ($container->findTaggedServiceIds(HttpSection::CLEAR_LISTENER_TAG, true) as $id => $tags) {
            $class = $container->getParameterBag()->resolveValue($container->getDefinition($id)->getClass() ?? $id);
            if (is_a($class, EventSubscriberInterface::class, true)) {
                $dispatcher->addMethodCall('addSubscriber', [new Reference($id)]);
                continue;
            }
            foreach ($tags as $attributes) {
                $method = $attributes['method'] ?? '__invoke';
                if (!method_exists($class, $method)) {
                    throw new InvalidArgumentException(sprintf('Service "%s" is tagged "%s" but its class "%s" has no method "%s" (name it with the tag\'s "method" attribute, or implement %s)',
                        $id, HttpSection::CLEAR_LISTENER_TAG, $class, $method, EventSubscriberInterface::class));
                }
                $dispatcher->addMethodCall('addListener', [
                    $attributes['event'] ?? ContentCacheClearEvent::NAME,
                    [new Reference($id), $method],
                    (int)($attributes['priority'] ?? 0),
                ]);
            }
        }
    }
}
