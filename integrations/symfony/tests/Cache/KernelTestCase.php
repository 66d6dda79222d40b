<?php
// Base of the tests that boot the real TestKernel: builds it from per-extension configuration,
// hands out its (test) container and removes its temporary folder afterwards.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Cache;

use PHPUnit\Framework\TestCase;
use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\DependencyInjection\ContainerInterface;
use TagCache\Symfony\Tests\App\TestKernel;

abstract class KernelTestCase extends TestCase
{
    /** @var list<TestKernel> */
    private array $kernels = [];

    protected function tearDown(): void
    {
        foreach ($this->kernels as $kernel) {
            $kernel->shutdown();
            $kernel->removeDirectories();
        }
        $this->kernels = [];
    }

    /**
     * @param array<string, array<mixed>> $extensions
     * @param list<callable(ContainerBuilder): void> $builders
     */
    protected function boot(array $extensions, array $builders = []): TestKernel
    {
        $kernel = new TestKernel($extensions, $builders);
        $this->kernels[] = $kernel;
        $kernel->boot();
        return $kernel;
    }

    /** The test container (private services too) of a kernel booted with $extensions. */
    protected function container(array $extensions, array $builders = []): ContainerInterface
    {
        return $this->boot($extensions, $builders)->getContainer()->get('test.service_container');
    }

    /** Asserts booting with $extensions fails with a message containing each of $parts. */
    protected function assertBootFails(array $extensions, string ...$parts): void
    {
        try {
            $this->boot($extensions);
        } catch (\Throwable $e) {
            foreach ($parts as $part) {
                $this->assertStringContainsString($part, $e->getMessage());
            }
            return;
        }
        $this->fail('The kernel booted; expected an error containing: ' . implode(' / ', $parts));
    }
}
