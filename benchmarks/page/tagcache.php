<?php
/*
 * tagcache's page cache in front of the page: serve() sends a stored page and the request ends
 * before the application. ?miss=1 is a page that is never stored (doNotCache): every request
 * looks up, misses and runs the application. Each run of the cached page's application is
 * counted.
 */
$cache = new TagCache\Page\PageCache(null, ['cacheDirectory' => __DIR__ . '/cache/tagcache']);
if ($cache->serve()) {
    exit;
}
if (isset($_GET['miss'])) {
    $cache->doNotCache();
} else {
    file_put_contents(__DIR__ . '/runs-tagcache', 'x', FILE_APPEND);
}
require __DIR__ . '/floor.php';
