<?php
// A real Symfony kernel for the bundle's tests: FrameworkBundle plus TagCacheBundle, configured
// by the array a test gives, with its cache and log folders in a temporary folder that
// removeDirectories() deletes.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\App;

use Symfony\Bundle\FrameworkBundle\FrameworkBundle;
use Symfony\Bundle\FrameworkBundle\Kernel\MicroKernelTrait;
use Symfony\Component\Config\Loader\LoaderInterface;
use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\HttpKernel\Kernel;
use TagCache\Symfony\TagCacheBundle;

final class TestKernel extends Kernel
{
    use MicroKernelTrait;

    private string $dir;

    /**
     * @param array<string, array<mixed>> $extensions configuration per extension alias
     *                                                ('framework', 'tagcache', ...)
     * @param list<callable(ContainerBuilder): void> $builders more services for the test
     * @param string|null $dir the folder for cache and logs (default: a new temporary one); a
     *                         front controller passes the same one for every request, so the
     *                         container is compiled once
     */
    public function __construct(
        private array $extensions = [],
        private array $builders = [],
        string $environment = 'test',
        ?string $dir = null,
    ) {
        parent::__construct($environment, true);
        $this->dir = $dir ?? sys_get_temp_dir() . '/tagcache-sf-' . bin2hex(random_bytes(6));
    }

    public function registerBundles(): iterable
    {
        yield new FrameworkBundle();
        yield new TagCacheBundle();
    }

    public function getProjectDir(): string
    {
        return \dirname(__DIR__, 2);
    }

    public function getCacheDir(): string
    {
        return $this->dir . '/cache';
    }

    public function getLogDir(): string
    {
        return $this->dir . '/log';
    }

    /** The temporary folder of this kernel, for files a test needs beside the container. */
    public function getTemporaryDir(): string
    {
        return $this->dir;
    }

    public function removeDirectories(): void
    {
        if (!is_dir($this->dir)) {
            return;
        }
        $items = new \RecursiveIteratorIterator(
            new \RecursiveDirectoryIterator($this->dir, \FilesystemIterator::SKIP_DOTS),
            \RecursiveIteratorIterator::CHILD_FIRST,
        );
        foreach ($items as $item) {
            $item->isDir() && !$item->isLink() ? rmdir($item->getPathname()) : unlink($item->getPathname());
        }
        rmdir($this->dir);
    }

    protected function configureContainer(ContainerBuilder $container, LoaderInterface $loader): void
    {
        $framework = ($this->extensions['framework'] ?? []) + [
            'test' => true,
            'secret' => 'test',
            'http_method_override' => false,
            'handle_all_throwables' => true,
            'php_errors' => ['log' => true],
        ];
        $container->loadFromExtension('framework', $framework);
        foreach ($this->extensions as $alias => $config) {
            if ($alias !== 'framework') {
                $container->loadFromExtension($alias, $config);
            }
        }
        foreach ($this->builders as $builder) {
            $builder($container);
        }
    }
}
