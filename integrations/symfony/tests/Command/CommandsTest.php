<?php
// The tagcache console commands through Symfony's Application of a booted kernel: listing,
// flushing, garbage collection and tag invalidation, their exit codes and their errors.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Command;

use Symfony\Bundle\FrameworkBundle\Console\Application;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Tester\CommandTester;
use TagCache\CacheManager;
use TagCache\Symfony\Tests\Cache\KernelTestCase;
use TagCache\Symfony\Tests\Command\Fixtures\FailingBackend;

final class CommandsTest extends KernelTestCase
{
    private Application $application;
    private CacheManager $manager;

    protected function setUp(): void
    {
        $kernel = $this->shared([
            'framework' => ['cache' => ['app' => 'tagcache.adapter.app']],
            'tagcache' => [
                'caches' => [
                    'Default' => ['backend' => 'FileBackend'],
                    'App' => [],
                    'Pages' => ['backend' => 'TransientMemoryBackend'],
                    'Code' => ['frontend' => 'PhpFrontend', 'persistent' => true],
                ],
                'pools' => ['app' => 'App'],
            ],
        ]);
        $this->application = new Application($kernel);
        $this->manager = $kernel->getContainer()->get('test.service_container')->get(CacheManager::class);
    }

    /** @return array{int, string} exit code and display */
    private function runCommand(string $name, array $input): array
    {
        $tester = new CommandTester($this->application->find($name));
        $code = $tester->execute($input, ['decorated' => false]);
        return [$code, preg_replace('/\s+/', ' ', $tester->getDisplay())];
    }

    private function fill(): void
    {
        $this->manager->getCache('App')->set('a', 1, ['post-1']);
        $this->manager->getCache('Pages')->set('p', 2, ['post-1', 'blog']);
        $this->manager->getCache('Code')->set('c', 'return 3;', ['post-1']);
    }

    public function testList(): void
    {
        [$code, $display] = $this->runCommand('tagcache:list', []);
        $this->assertSame(Command::SUCCESS, $code);
        $this->assertStringContainsString('App VariableFrontend FileBackend no', $display);
        $this->assertStringContainsString('Pages VariableFrontend TransientMemoryBackend no', $display);
        $this->assertStringContainsString('Code PhpFrontend FileBackend yes', $display);
    }

    public function testInvalidateTagsInEveryCacheButPersistentOnes(): void
    {
        $this->fill();
        [$code, $display] = $this->runCommand('tagcache:invalidate-tags', ['tags' => ['post-1']]);
        $this->assertSame(Command::SUCCESS, $code, $display);
        $this->assertStringContainsString('2 entries removed', $display);
        $this->assertFalse($this->manager->getCache('App')->has('a'));
        $this->assertFalse($this->manager->getCache('Pages')->has('p'));
        $this->assertTrue($this->manager->getCache('Code')->has('c'));

        [$code] = $this->runCommand('tagcache:invalidate-tags', ['tags' => ['post-1'], '--include-persistent' => true]);
        $this->assertSame(Command::SUCCESS, $code);
        $this->assertFalse($this->manager->getCache('Code')->has('c'));
    }

    public function testInvalidateTagsInNamedCachesAndEncodedAsPoolsStoreThem(): void
    {
        $this->fill();
        $app = $this->application->getKernel()->getContainer()->get('cache.app');
        $app->get('k', function ($item) { $item->tag('post.1'); return 1; });

        [$code, $display] = $this->runCommand('tagcache:invalidate-tags', ['tags' => ['post.1', 'blog'], '--cache' => ['App']]);
        $this->assertSame(Command::SUCCESS, $code, $display);
        $this->assertStringContainsString('1 entry removed', $display);
        $this->assertFalse($app->hasItem('k'));
        $this->assertTrue($this->manager->getCache('Pages')->has('p'), 'other caches untouched');

        [$code] = $this->runCommand('tagcache:invalidate-tags', ['tags' => ['post-1'], '--cache' => ['Code'], '--raw' => true]);
        $this->assertSame(Command::SUCCESS, $code);
        $this->assertFalse($this->manager->getCache('Code')->has('c'), 'a named persistent cache is flushed');
    }

    public function testInvalidRawTagIsRefused(): void
    {
        [$code, $display] = $this->runCommand('tagcache:invalidate-tags', ['tags' => ['post.1'], '--raw' => true]);
        $this->assertSame(Command::INVALID, $code);
        $this->assertStringContainsString('"post.1" is not a tagcache tag', $display);
    }

    public function testUnknownCachesAreNamed(): void
    {
        $this->fill();
        foreach ([
            ['tagcache:invalidate-tags', ['tags' => ['post-1'], '--cache' => ['App', 'Nope']]],
            ['tagcache:flush', ['caches' => ['Nope', 'Pages2']]],
            ['tagcache:gc', ['caches' => ['Nope']]],
        ] as [$name, $input]) {
            [$code, $display] = $this->runCommand($name, $input);
            $this->assertSame(Command::INVALID, $code, $name);
            $this->assertStringContainsString('"Nope"', $display, $name);
            $this->assertStringContainsString('configured: "App", "Pages", "Code"', $display, $name);
        }
        $this->assertTrue($this->manager->getCache('App')->has('a'), 'nothing flushed when a name is unknown');
    }

    public function testFlush(): void
    {
        $this->fill();
        [$code] = $this->runCommand('tagcache:flush', ['caches' => ['Pages']]);
        $this->assertSame(Command::SUCCESS, $code);
        $this->assertFalse($this->manager->getCache('Pages')->has('p'));
        $this->assertTrue($this->manager->getCache('App')->has('a'));

        [$code] = $this->runCommand('tagcache:flush', []);
        $this->assertSame(Command::SUCCESS, $code);
        $this->assertFalse($this->manager->getCache('App')->has('a'));
        $this->assertTrue($this->manager->getCache('Code')->has('c'));

        [$code] = $this->runCommand('tagcache:flush', ['--include-persistent' => true]);
        $this->assertSame(Command::SUCCESS, $code);
        $this->assertFalse($this->manager->getCache('Code')->has('c'));
    }

    public function testGarbageCollection(): void
    {
        $this->fill();
        [$code, $display] = $this->runCommand('tagcache:gc', []);
        $this->assertSame(Command::SUCCESS, $code, $display);
        $this->assertStringContainsString('App, Pages, Code', $display);
        $this->assertTrue($this->manager->getCache('App')->has('a'), 'live entries stay');
    }

    public function testAFailingCacheIsReportedAndTheOthersStillReached(): void
    {
        $kernel = $this->boot(['tagcache' => ['caches' => [
            'Good' => ['backend' => 'TransientMemoryBackend'],
            'Broken' => ['backend' => FailingBackend::class],
        ]]]);
        $application = new Application($kernel);
        $good = $kernel->getContainer()->get('test.service_container')->get(CacheManager::class)->getCache('Good');
        foreach ([
            ['tagcache:flush', []],
            ['tagcache:flush', ['caches' => ['Broken', 'Good']]],
            ['tagcache:gc', []],
            ['tagcache:invalidate-tags', ['tags' => ['t']]],
            ['tagcache:invalidate-tags', ['tags' => ['t'], '--cache' => ['Broken', 'Good']]],
        ] as [$name, $input]) {
            $good->set('k', 1, ['t']);
            $tester = new CommandTester($application->find($name));
            $code = $tester->execute($input, ['decorated' => false]);
            $display = preg_replace('/\s+/', ' ', $tester->getDisplay());
            $this->assertSame(Command::FAILURE, $code, $name);
            $this->assertStringContainsString('1 cache failed: Broken: the store is gone', $display, $name);
            if ($name !== 'tagcache:gc') {
                $this->assertFalse($good->has('k'), $name . ': the good cache is still flushed');
            }
        }
    }

    public function testAMisconfiguredCacheIsReportedAndTheOthersStillReached(): void
    {
        // backend options are checked when the cache is first used: an InvalidArgumentException
        $kernel = $this->boot(['tagcache' => ['caches' => [
            'Good' => ['backend' => 'TransientMemoryBackend'],
            'Wrong' => ['backend' => 'TransientMemoryBackend', 'backendOptions' => ['noSuchOption' => 1]],
        ]]]);
        $application = new Application($kernel);
        $good = $kernel->getContainer()->get('test.service_container')->get(CacheManager::class)->getCache('Good');
        foreach ([
            ['tagcache:flush', []],
            ['tagcache:flush', ['caches' => ['Wrong', 'Good']]],
            ['tagcache:gc', ['caches' => ['Wrong', 'Good']]],
            ['tagcache:gc', []],
            ['tagcache:invalidate-tags', ['tags' => ['t']]],
            ['tagcache:invalidate-tags', ['tags' => ['t'], '--cache' => ['Wrong', 'Good']]],
        ] as [$name, $input]) {
            $good->set('k', 1, ['t']);
            $tester = new CommandTester($application->find($name));
            $code = $tester->execute($input, ['decorated' => false]);
            $display = preg_replace('/\s+/', ' ', $tester->getDisplay());
            $this->assertSame(Command::FAILURE, $code, "$name: $display");
            $this->assertStringContainsString('Wrong', $display, $name);
            $this->assertStringContainsString('noSuchOption', $display, $name);
            if ($name !== 'tagcache:gc') {
                $this->assertFalse($good->has('k'), $name . ': the good cache is still flushed');
            }
        }
    }
}
