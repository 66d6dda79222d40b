<?php
// Base of the tests that boot the real TestKernel: builds it from per-extension configuration,
// hands out its (test) container and removes its temporary folder afterwards. Compiling a
// container is the slow part, so tests of one class may share a kernel per configuration
// (shared()): it is booted once, its tagcache caches are flushed before each test that asks for
// it, and it is removed after the class.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Cache;

use PHPUnit\Framework\TestCase;
use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\DependencyInjection\ContainerInterface;
use TagCache\Symfony\Tests\App\KernelLifecycle;
use TagCache\Symfony\Tests\App\TestKernel;

abstract class KernelTestCase extends TestCase
{
    use KernelLifecycle;

    /**
     * A kernel booted once for the test class with $extensions (and $builders: the same ones for
     * the same $extensions), every tagcache cache flushed.
     *
     * @param array<string, array<mixed>> $extensions
     * @param list<callable(ContainerBuilder): void> $builders
     */
    protected function shared(array $extensions, array $builders = []): TestKernel
    {
        $kernel = self::sharedKernel(md5(serialize($extensions)), fn () => new TestKernel($extensions, $builders));
        $kernel->getContainer()->get('test.service_container')->get(\TagCache\CacheManager::class)->flushCaches(true);
        return $kernel;
    }

    /**
     * @param array<string, array<mixed>> $extensions
     * @param list<callable(ContainerBuilder): void> $builders
     */
    protected function boot(array $extensions, array $builders = []): TestKernel
    {
        return $this->bootForTest(new TestKernel($extensions, $builders));
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
