<?php
/*
 * The same page cache with a SharedMemoryBackend as its storage (a 64 MiB segment beside the
 * page) instead of the default FileBackend. Each run of the application is counted.
 */
$cache = new TagCache\Page\PageCache(new TagCache\Backend\SharedMemoryBackend([
    'segment' => __DIR__ . '/cache/page.shm', 'size' => 64 << 20,
]));
if ($cache->serve()) {
    exit;
}
file_put_contents(__DIR__ . '/runs-tagcache-shm', 'x', FILE_APPEND);
require __DIR__ . '/floor.php';
