--TEST--
TransientMemoryBackend: decoded copies and entries are freed by flush(), flushByTag() and remove(), and count in memory_get_usage()
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (getenv('USE_ZEND_ALLOC') === '0') die('skip memory_get_usage() counts nothing without the Zend allocator (valgrind)'); ?>
--FILE--
<?php
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$cache = new VariableFrontend('drop', new TransientMemoryBackend());
$value = array_map(fn($i) => str_repeat(chr(65 + $i % 26), 1000) . $i, range(1, 2000)); // ~2 MB decoded

foreach (['flush' => fn() => $cache->flush(),
          'flushByTag' => fn() => $cache->flushByTag('t'),
          'remove' => fn() => $cache->remove('big')] as $how => $drop) {
    $base = memory_get_usage();
    $cache->set('big', $value, ['t']);
    $v = $cache->get('big');       // decoded once and kept beside the entry
    $v2 = $cache->get('big');      // served from the kept copy
    $held = memory_get_usage() - $base;
    unset($v, $v2);
    $drop();
    $left = memory_get_usage() - $base;
    printf("%s: held at least 3 MB (payload + decoded copy): %s, left below 64 KB: %s\n", $how,
        var_export($held >= 3 << 20, true), var_export($left < 64 << 10, true));
    if ($held < 3 << 20 || $left >= 64 << 10) {
        echo "  held $held, left $left\n";
    }
}
?>
--EXPECT--
flush: held at least 3 MB (payload + decoded copy): true, left below 64 KB: true
flushByTag: held at least 3 MB (payload + decoded copy): true, left below 64 KB: true
remove: held at least 3 MB (payload + decoded copy): true, left below 64 KB: true
