<?php
/*
 * Where the file backends put a cache, next to what Flow itself creates there: Flow's own
 * backends make world-writable folders (Files::createDirectoryRecursively: umask 0, mode 0777),
 * persistent caches come with baseDirectory, and flow:cache:setupall / flow:cache:show ask the
 * backends for setup() and getStatus(). Tests that need Flow's real classes (the bootstrap
 * aliases some to the bridge's) run in a child PHP (PhpChild).
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests\Functional;

use Neos\Cache\Backend\WithSetupInterface;
use Neos\Cache\Backend\WithStatusInterface;
use Neos\Cache\EnvironmentConfiguration;
use Neos\Cache\Frontend\PhpFrontend;
use Neos\Cache\Frontend\VariableFrontend;
use PHPUnit\Framework\TestCase;
use TagCache\Flow\Backend\FileBackend;
use TagCache\Flow\Backend\SimpleFileBackend;
use TagCache\Flow\Tests\Harness\Scratch;
use TagCache\Flow\Tests\PhpChild;

final class FileDirectoriesTest extends TestCase
{
    private function environment(): EnvironmentConfiguration
    {
        return new EnvironmentConfiguration('Acme~Testing', Scratch::directory() . '/Temporary/');
    }

    public function testDefaultFolderWorksBesideTheFoldersFlowsOwnBackendsCreate(): void
    {
        // A Flow application's temporary directory as Flow makes it, Flow's own caches built first
        // (they leave Cache/Data and Cache/Code mode 0777), then caches on the bridge.
        $base = Scratch::directory() . '/App/Data/Temporary/';
        [$exit, $out, $err] = PhpChild::run('
            use Neos\Cache\CacheFactory;
            use Neos\Cache\EnvironmentConfiguration;
            use Neos\Cache\Frontend;
            $base = ' . var_export($base, true) . ';
            Neos\Utility\Files::createDirectoryRecursively($base);
            $factory = new CacheFactory(new EnvironmentConfiguration("Acme~Testing", $base));
            $factory->create("Flow_Core", Frontend\StringFrontend::class, Neos\Cache\Backend\SimpleFileBackend::class)->set("core", "x");
            $factory->create("Flow_Object_Classes", Frontend\PhpFrontend::class, Neos\Cache\Backend\SimpleFileBackend::class)->set("classes", "return 1;");
            $data = $factory->create("Acme_Data", Frontend\VariableFrontend::class, TagCache\Flow\Backend\FileBackend::class);
            $data->set("a", ["stored"]);
            $code = $factory->create("Acme_Code", Frontend\PhpFrontend::class, TagCache\Flow\Backend\SimpleFileBackend::class);
            $code->set("c", "return 5;");
            echo json_encode([
                "environment" => get_class($data->getBackend()) . "|" . (new ReflectionClass(EnvironmentConfiguration::class))->getFileName(),
                "flowData" => decoct(fileperms($base . "Cache/Data") & 0777),
                "data" => $data->get("a"), "code" => $code->requireOnce("c"),
                "dataDirectory" => $data->getBackend()->getCacheDirectory(),
                "codeDirectory" => $code->getBackend()->getCacheDirectory(),
                "mode" => decoct(fileperms($base . "Cache/TagCache") & 0777),
            ]);
        ');
        self::assertSame(0, $exit, $out . $err);
        $result = json_decode($out, true);
        // The child used Flow's real EnvironmentConfiguration, not the test harness's.
        self::assertStringEndsWith('/neos/cache/Classes/EnvironmentConfiguration.php', $result['environment']);
        self::assertSame('777', $result['flowData']);
        self::assertSame(['stored'], $result['data']);
        self::assertSame(5, $result['code']);
        self::assertSame($base . 'Cache/TagCache/Data/Acme_Data/', $result['dataDirectory']);
        self::assertSame($base . 'Cache/TagCache/Code/Acme_Code/', $result['codeDirectory']);
        self::assertSame('700', $result['mode']);
    }

    public function testBaseDirectoryPlacesAPersistentCacheAsFlowsDoes(): void
    {
        $persistent = Scratch::directory() . '/Data/Persistent/';
        $backend = new FileBackend($this->environment(), ['baseDirectory' => $persistent, 'defaultLifetime' => 0]);
        $cache = new VariableFrontend('Acme_Persistent', $backend);
        $backend->setCache($cache);
        $cache->set('kept', 1);
        self::assertSame($persistent . 'Cache/TagCache/Data/Acme_Persistent/', $backend->getCacheDirectory());
        self::assertFileExists($persistent . 'Cache/TagCache/Data/Acme_Persistent');

        $code = new SimpleFileBackend($this->environment(), ['baseDirectory' => $persistent]);
        $code->setCache(new PhpFrontend('Acme_PersistentCode', $code));
        self::assertSame($persistent . 'Cache/TagCache/Code/Acme_PersistentCode/', $code->getCacheDirectory());

        // cacheDirectory wins over baseDirectory, as in Flow.
        $explicit = new FileBackend($this->environment(), ['baseDirectory' => $persistent, 'cacheDirectory' => Scratch::directory() . '/Explicit']);
        $explicit->setCache(new VariableFrontend('Acme_Explicit', $explicit));
        self::assertSame(Scratch::directory() . '/Explicit/Acme_Explicit/', $explicit->getCacheDirectory());
    }

    public function testBaseDirectoryMustBeAPath(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage('FileBackend option "baseDirectory" must be a non-empty directory path, got int');
        new FileBackend($this->environment(), ['baseDirectory' => 5]);
    }

    public function testSetupAndStatusForFlowsCacheCommands(): void
    {
        foreach ([FileBackend::class, SimpleFileBackend::class] as $class) {
            $backend = new $class($this->environment(), []);
            self::assertInstanceOf(WithSetupInterface::class, $backend);
            self::assertInstanceOf(WithStatusInterface::class, $backend);
            // Before setCache() there is no cache directory: Flow's answer is "" there too.
            self::assertSame('', $backend->getCacheDirectory(), $class);
            self::assertTrue($backend->getStatus()->hasErrors(), $class);

            $backend->setCache(new VariableFrontend('Acme_Status', $backend));
            self::assertFalse($backend->setup()->hasErrors(), $class);
            $status = $backend->getStatus();
            self::assertFalse($status->hasErrors(), $class);
            $notices = array_map(static fn ($notice): string => $notice->getTitle() . ': ' . $notice->getMessage(), $status->getNotices());
            self::assertContains('Cache Directory: ' . $backend->getCacheDirectory(), $notices, $class);

            Scratch::remove(rtrim($backend->getCacheDirectory(), '/'));
            self::assertTrue($backend->getStatus()->hasErrors(), $class);
            self::assertTrue($backend->setup()->hasErrors(), $class);
        }
    }

    public function testADirectoryBelowARegularFileIsANeosCacheException(): void
    {
        touch(Scratch::directory() . '/file');
        foreach ([FileBackend::class, SimpleFileBackend::class] as $class) {
            try {
                $backend = new $class($this->environment(), ['cacheDirectory' => Scratch::directory() . '/file/below']);
                $backend->setCache(new VariableFrontend('Acme_Below', $backend));
                self::fail($class . ' took a directory below a regular file');
            } catch (\Neos\Cache\Exception $e) {
                self::assertStringContainsString('"' . Scratch::directory() . '/file" is not a directory', $e->getMessage(), $class);
            }
        }
    }

    /** OPcache skips files younger than opcache.file_update_protection (2 s): 0 here, as a deployment's warm-up sees them. */
    public function testCodeEntriesAreCachedByOpcache(): void
    {
        if (!function_exists('opcache_get_status')) {
            $this->markTestSkipped('OPcache is not loaded');
        }
        [$exit, $out, $err] = PhpChild::run('
            $factory = new Neos\Cache\CacheFactory(new Neos\Cache\EnvironmentConfiguration("Acme~Testing", ' . var_export(Scratch::directory() . '/Temporary/', true) . '));
            $cache = $factory->create("Acme_Proxies", Neos\Cache\Frontend\PhpFrontend::class, TagCache\Flow\Backend\FileBackend::class);
            $cache->set("code", "return 42;");
            $result = $cache->requireOnce("code");
            $scripts = array_keys(opcache_get_status(true)["scripts"] ?? []);
            echo json_encode([$result, array_values(preg_grep("#/Acme_Proxies/#", $scripts))]);
        ', ['opcache.enable' => '1', 'opcache.enable_cli' => '1', 'opcache.file_update_protection' => '0']);
        self::assertSame(0, $exit, $out . $err);
        [$result, $scripts] = json_decode($out, true);
        self::assertSame(42, $result);
        self::assertCount(1, $scripts, $out);
        self::assertStringStartsWith(Scratch::directory() . '/Temporary/Cache/TagCache/Code/Acme_Proxies/', $scripts[0]);
    }
}
