<?php
// The usage example of README.md, run as written (between the markers), so the docs stay true.

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
