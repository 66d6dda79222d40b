<?php
// The usage example of README.md, run as written (between the markers), so the docs stay true:
// the test also checks that README.md shows exactly these lines.

declare(strict_types=1);

namespace TagCache\Psr\Tests;

use PHPUnit\Framework\TestCase;
use TagCache\CacheManager;
use TagCache\Psr\CacheItemPool;
use TagCache\Psr\KeyCodec;
use TagCache\Psr\SimpleCache;
use TagCache\Psr\Tests\Support\RecordingLogger;
use TagCache\Psr\Tests\Support\TempDir;

final class ReadmeExampleTest extends TestCase
{
    public function testTheReadmeShowsTheseLines(): void
    {
        $source = (string)file_get_contents(__FILE__);
        $begin = strpos($source, "// README example begins\n");
        $end = strpos($source, '            // README example ends');
        $this->assertNotFalse($begin);
        $this->assertNotFalse($end);
        $begin += strlen("// README example begins\n");
        $lines = explode("\n", substr($source, $begin, $end - $begin));
        $code = implode("\n", array_map(static fn (string $l): string => (string)preg_replace('/^ {12}/', '', $l), $lines));
        $this->assertStringContainsString($code, (string)file_get_contents(\dirname(__DIR__) . '/README.md'));
    }

    public function testTheReadmeExample(): void
    {
        $cacheDirectory = TempDir::create('readme');
        $logger = new RecordingLogger();
        try {
            // README example begins
            $manager = new CacheManager([
                'Default' => ['frontend' => 'VariableFrontend', 'backend' => 'FileBackend'],
                'Psr' => [],
            ], ['cacheDirectory' => $cacheDirectory]);

            $pool = new CacheItemPool($manager->getCache('Psr'), defaultLifetime: 3600, logger: $logger);
            $item = $pool->getItem('user.42');                  // any PSR key: "." included
            if (!$item->isHit()) {
                $item->set(['name' => 'Ada'])->setTags(['user.42', 'users'])->expiresAfter(600);
                $pool->save($item);
            }
            $hit = $pool->getItem('user.42')->isHit();          // true
            $pool->invalidateTags(['users']);                   // the cache's flushByTags()

            $simple = new SimpleCache($manager->getCache('Psr'), logger: $logger);
            $simple->set('theme.dark', false, new \DateInterval('PT1H'));
            $theme = $simple->get('theme.dark', 'unset');       // false: a stored false is a hit

            $pool->save($pool->getItem('post.7')->set('<p>…</p>')->setTags(['post.7']));
            $manager->flushCachesByTag(KeyCodec::encode('post.7')); // every cache of the manager
            // README example ends

            $this->assertTrue($hit);
            $this->assertFalse($pool->hasItem('user.42'));
            $this->assertFalse($theme);
            $this->assertFalse($pool->hasItem('post.7'));
            $this->assertSame([], $logger->records);
            unset($pool, $simple, $manager);
        } finally {
            TempDir::remove($cacheDirectory);
        }
    }
}
