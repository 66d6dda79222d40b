<?php
// Boots exactly the Symfony configuration the root README shows under "Framework bridges"
// (read from the README itself, so the docs cannot drift from what boots) and checks that
// cache.app is the tagcache adapter and the HTTP half is on.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

use Symfony\Component\Yaml\Yaml;
use TagCache\Http\Purger;
use TagCache\Symfony\Cache\TagCacheAdapter;
use TagCache\Symfony\Tests\App\TestKernel;

final class ReadmeExampleTest extends KernelCase
{
    private const SECTION = '## Framework bridges: Symfony, PSR-6 / PSR-16, Neos Flow';

    public function testTheRootReadmesSymfonyExampleBoots(): void
    {
        $readme = \dirname(__DIR__, 4) . '/README.md';
        $text = (string)file_get_contents($readme);
        $start = strpos($text, self::SECTION);
        self::assertNotFalse($start, "README.md has no section \"" . self::SECTION . '"');
        $section = substr($text, $start, (strpos($text, "\n## ", $start + 1) ?: \strlen($text)) - $start);
        $symfony = strpos($section, '**Symfony**');
        self::assertNotFalse($symfony, 'the section has no Symfony example');
        self::assertSame(1, preg_match('/```yaml\n(.*?)```/s', substr($section, $symfony), $m), 'no yaml block after **Symfony**');
        // one block holding config/packages/tagcache.yaml and config/packages/framework.yaml
        $config = Yaml::parse($m[1]);
        self::assertSame(['tagcache', 'framework'], array_keys($config));

        $kernel = new TestKernel($config);
        try {
            $kernel->boot();
            self::assertInstanceOf(TagCacheAdapter::class, self::service($kernel, 'cache.app'));
            self::assertInstanceOf(Purger::class, self::service($kernel, 'tagcache.http.purger'));
            self::assertNotNull(self::service($kernel, 'tagcache.cache_observer'));
        } finally {
            $kernel->shutdown();
            $kernel->removeDirectories();
        }
    }
}
