--TEST--
PhpFrontend: requireOnce marks an entry included only once its code runs: after a parse error or a miss, the fixed entry is included by the next requireOnce of the same request; code that ran and threw stays included
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\SimpleFileBackend;
use TagCache\Frontend\PhpFrontend;

$dir = tc_tmpdir();
foreach (['FileBackend' => new FileBackend(['cacheDirectory' => $dir]),
          'SimpleFileBackend' => new SimpleFileBackend(['cacheDirectory' => $dir])] as $name => $backend) {
    echo "== $name\n";
    $cache = new PhpFrontend("retry_$name", $backend);

    // a parse error: nothing ran, so the entry is not included
    $cache->set('entry', 'return 1 +;');
    try {
        $cache->requireOnce('entry');
        echo "no exception\n";
    } catch (ParseError $e) {
        echo get_class($e), "\n";
    }
    $cache->set('entry', 'return "fixed";');
    var_dump($cache->requireOnce('entry'));
    var_dump($cache->requireOnce('entry')); // now it ran: true, as require_once

    // the backend's own requireOnce retries too
    $cache->set('direct', 'return 1 +;');
    try {
        $backend->requireOnce('direct');
    } catch (ParseError $e) {
        echo get_class($e), "\n";
    }
    $cache->set('direct', 'return "direct fixed";');
    var_dump($backend->requireOnce('direct'));

    // a miss is not an inclusion
    var_dump($cache->requireOnce('later'));
    $cache->set('later', 'return "later";');
    var_dump($cache->requireOnce('later'));

    // code that ran and threw stays included: its declarations were made (require_once does the same)
    $cache->set('throws', 'throw new RuntimeException("from the entry");');
    try {
        $cache->requireOnce('throws');
    } catch (RuntimeException $e) {
        echo $e->getMessage(), "\n";
    }
    var_dump($cache->requireOnce('throws'));
}
?>
--EXPECT--
== FileBackend
ParseError
string(5) "fixed"
bool(true)
ParseError
string(12) "direct fixed"
bool(false)
string(5) "later"
from the entry
bool(true)
== SimpleFileBackend
ParseError
string(5) "fixed"
bool(true)
ParseError
string(12) "direct fixed"
bool(false)
string(5) "later"
from the entry
bool(true)
