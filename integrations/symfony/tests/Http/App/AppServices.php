<?php
// The test application's services, given to the TestKernel as a builder: its pages
// (PageListener, and PoolPageListener's built through `cache.app`), an autoconfigured clear listener and a recording logger. The kernel tests and
// the front controller of the end-to-end test use the same.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http\App;

use Symfony\Component\DependencyInjection\Argument\ServiceClosureArgument;
use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\DependencyInjection\ContainerInterface;
use Symfony\Component\DependencyInjection\Reference;

final class AppServices
{
    public static function register(ContainerBuilder $container): void
    {
        $container->register('test.logger', RecordingLogger::class)->setPublic(true)->addTag('kernel.reset', ['method' => 'reset']);
        $container->register(PostClearListener::class)->setAutoconfigured(true);
        $container->register(PageListener::class)
            ->setArguments([
                new Reference('tagcache.cache_observer', ContainerInterface::NULL_ON_INVALID_REFERENCE),
                // a closure: the Purger builds the dispatcher and every clear listener, which
                // only an edit needs
                new ServiceClosureArgument(new Reference('tagcache.http.purger', ContainerInterface::NULL_ON_INVALID_REFERENCE)),
            ])
            ->addTag('kernel.event_listener', ['event' => 'kernel.request', 'method' => 'onKernelRequest', 'priority' => 64]);
        $container->register(PoolPageListener::class)
            ->setArguments([new ServiceClosureArgument(new Reference('cache.app'))])
            ->addTag('kernel.event_listener', ['event' => 'kernel.request', 'method' => 'onKernelRequest', 'priority' => 64]);
    }
}
