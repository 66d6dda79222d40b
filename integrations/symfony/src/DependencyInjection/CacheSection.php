<?php
// Placeholder: filled in by its own change.

declare(strict_types=1);

namespace TagCache\Symfony\DependencyInjection;

use Symfony\Component\Config\Definition\Builder\ArrayNodeDefinition;
use Symfony\Component\DependencyInjection\ContainerBuilder;

final class CacheSection
{
    public static function configure(ArrayNodeDefinition $node): void
    {
    }

    public static function load(array $config, ContainerBuilder $container): void
    {
    }

    public static function build(ContainerBuilder $container): void
    {
    }
}
