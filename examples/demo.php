<?php
/*
 * tagcache demo: a CacheManager configured like Flow's Caches.yaml, entries with tags in two
 * caches on the file backend, one flush by tag across both, and what is left afterwards.
 * The cache files stay in the folder it names at the start and the end (default: demo-cache/
 * beside examples/, ignored by git), so they can be looked at after the run.
 *
 * Run: php -d extension=modules/tagcache.so examples/demo.php [cache folder]
 */

use TagCache\CacheManager;

if (!extension_loaded('tagcache')) {
    fwrite(STDERR, "The tagcache extension is not loaded: php -d extension=modules/tagcache.so examples/demo.php\n");
    exit(1);
}

$dir = $argv[1] ?? dirname(__DIR__) . '/demo-cache';
if (!is_dir($dir) && !mkdir($dir, 0700, true)) {
    fwrite(STDERR, "cannot create the cache folder $dir\n");
    exit(1);
}
$dir = realpath($dir);
printf("Cache files go to %s (kept after the demo)\n\n", $dir);

$manager = new CacheManager([
    'Default' => [
        'frontend' => 'VariableFrontend',
        'backend' => 'FileBackend',
        'backendOptions' => ['defaultLifetime' => 3600],
    ],
    'Fragments' => [],                                   // everything from Default
    'Pages' => ['frontend' => 'StringFrontend'],         // the file backend of Default
    'Code' => ['frontend' => 'PhpFrontend', 'persistent' => true],
], ['cacheDirectory' => $dir, 'applicationIdentifier' => 'demo']);

// A re-run starts from empty caches (persistent ones included), not from the last run's files.
$manager->flushCaches(true);

// cache => [identifier => [data, tags]]
$entries = [
    'Fragments' => [
        'post-1-teaser' => [['title' => 'Hello', 'body' => 'First post'], ['post-1', 'blog']],
        'post-2-teaser' => [['title' => 'Again', 'body' => 'Second post'], ['post-2', 'blog']],
        'sidebar' => ['<ul><li>Hello</li><li>Again</li></ul>', ['post-1', 'post-2']],
        'footer' => ['(c) example', []],
    ],
    'Pages' => [
        'page-post-1' => ['<h1>Hello</h1>', ['post-1']],
        'page-post-2' => ['<h1>Again</h1>', ['post-2']],
        'page-home' => ['<h1>Blog</h1>Hello, Again', ['post-1', 'post-2', 'blog']],
    ],
    'Code' => [
        'routes' => ['return ["/posts/1" => "post-1", "/posts/2" => "post-2"];', ['post-1', 'post-2']],
    ],
];

echo "Stored entries and their tags:\n";
foreach ($entries as $cacheName => $items) {
    $cache = $manager->getCache($cacheName);
    $kind = $manager->isCachePersistent($cacheName) ? 'persistent' : 'not persistent';
    printf("  %s (%s, %s)\n", $cacheName, $kind, $cache->getBackend()->getCacheDirectory());
    foreach ($items as $id => [$data, $tags]) {
        $cache->set($id, $data, $tags);
        printf("    %-14s tags: %-22s %s\n", $id, $tags ? implode(', ', $tags) : '(none)',
            is_string($data) ? $data : json_encode($data));
    }
}

echo "\nWhat each cache finds by tag 'post-1':\n";
foreach (array_keys($entries) as $cacheName) {
    $found = array_keys($manager->getCache($cacheName)->getByTag('post-1'));
    printf("  %-10s %s\n", $cacheName, $found ? implode(', ', $found) : '(none)');
}
printf("Code cache: routes has %d entries\n", count($manager->getCache('Code')->requireOnce('routes')));

// Post 1 was edited: everything built from it goes, in every non-persistent cache of the manager.
$removed = $manager->flushCachesByTag('post-1');
printf("\nflushCachesByTag('post-1') removed %d entries from Fragments and Pages "
    . "(persistent caches are kept unless asked)\n", $removed);

echo "\nWhat is left:\n";
foreach ($entries as $cacheName => $items) {
    $cache = $manager->getCache($cacheName);
    foreach ($items as $id => [, $tags]) {
        printf("  %-10s %-14s %s\n", $cacheName, $id, $cache->has($id) ? 'still cached' : 'gone');
    }
}

printf("\nThe cache files are in %s; the next run starts it afresh, rm -rf removes it.\n", $dir);
