<?php
/*
 * tagcache demo: a CacheManager configured like Flow's Caches.yaml, entries with tags on the
 * file backend, a flush by tag, and what is left afterwards.
 * Run: php -d extension=modules/tagcache.so examples/demo.php
 */

use TagCache\CacheManager;

$dir = sys_get_temp_dir() . '/tagcache-demo-' . getmypid();

$manager = new CacheManager([
    'Default' => [
        'frontend' => 'VariableFrontend',
        'backend' => 'FileBackend',
        'backendOptions' => ['defaultLifetime' => 3600],
    ],
    'Fragments' => [],                                   // everything from Default
    'Code' => ['frontend' => 'PhpFrontend', 'persistent' => true],
], ['cacheDirectory' => $dir, 'applicationIdentifier' => 'demo']);

$fragments = $manager->getCache('Fragments');
$fragments->set('post-1-teaser', ['title' => 'Hello', 'body' => 'First post'], ['post-1', 'blog']);
$fragments->set('post-2-teaser', ['title' => 'Again', 'body' => 'Second post'], ['post-2', 'blog']);
$fragments->set('sidebar', '<ul><li>Hello</li><li>Again</li></ul>', ['post-1', 'post-2'], 0);
$fragments->set('footer', '(c) example', [], 0);

$manager->getCache('Code')->set('answer', 'return 6 * 7;', ['code']);

printf("stored in %s\n", $fragments->getBackend()->getCacheDirectory());
foreach (['post-1-teaser', 'post-2-teaser', 'sidebar', 'footer'] as $id) {
    printf("  %-14s %s\n", $id, json_encode($fragments->get($id)));
}
printf("entries tagged post-1: %s\n", implode(', ', array_keys($fragments->getByTag('post-1'))));
printf("Code cache says: %d\n", $manager->getCache('Code')->requireOnce('answer'));

// Post 1 was edited: everything built from it goes, in every cache of the manager.
$removed = $manager->flushCachesByTag('post-1');
printf("\nflushCachesByTag('post-1') removed %d entries\n", $removed);
foreach (['post-1-teaser', 'post-2-teaser', 'sidebar', 'footer'] as $id) {
    printf("  %-14s %s\n", $id, $fragments->has($id) ? 'still cached' : 'gone');
}

$manager->flushCaches(true);
exec('rm -rf ' . escapeshellarg($dir));
