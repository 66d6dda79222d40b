<?php
// What the kernel-booting test bases share: kernels booted for one test are shut down and their
// folders removed after it; kernels shared by a test class (a boot compiles a container, the slow
// part) after the class.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\App;

trait KernelLifecycle
{
    /** @var list<TestKernel> */
    private array $kernels = [];

    /** @var array<string, TestKernel> kernels shared by the tests of a class, by configuration */
    private static array $shared = [];

    public static function tearDownAfterClass(): void
    {
        foreach (self::$shared as $kernel) {
            $kernel->shutdown();
            $kernel->removeDirectories();
        }
        self::$shared = [];
    }

    protected function tearDown(): void
    {
        foreach ($this->kernels as $kernel) {
            $kernel->shutdown();
            $kernel->removeDirectories();
        }
        $this->kernels = [];
    }

    /** Boots $kernel for this test only. */
    private function bootForTest(TestKernel $kernel): TestKernel
    {
        $this->kernels[] = $kernel;
        $kernel->boot();
        return $kernel;
    }

    /** The kernel shared under $key, made by $make and booted the first time. */
    private static function sharedKernel(string $key, callable $make): TestKernel
    {
        if (!isset(self::$shared[$key])) {
            $kernel = $make();
            self::$shared[$key] = $kernel;
            $kernel->boot();
        }
        return self::$shared[$key];
    }
}
