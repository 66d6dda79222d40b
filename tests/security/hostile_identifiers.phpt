--TEST--
Security: path traversal, separators, NUL / CR / LF in entry identifiers and tags are refused by every method of every frontend and native backend; "%2e%2e" (allowed) stays inside the cache directory
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\{FileBackend, SimpleFileBackend, TransientMemoryBackend, NullBackend};
use TagCache\Frontend\{VariableFrontend, StringFrontend, PhpFrontend};

$root = tc_tmpdir('hostile');
$base = "$root/cache";
mkdir($base);
file_put_contents("$root/victim.php", 'victim');
$hostile = ['../x', '../../victim', 'a/b', "a\0b", '..', '.', "a\r\nb", "a\nb", '/etc/passwd', 'a\\b', "x\0"];

$refused = $accepted = 0;
$leaks = [];
function try_call(string $what, callable $fn): void
{
    global $refused, $accepted, $leaks;
    try {
        $fn();
        $accepted++;
        $leaks[] = $what;
    } catch (TagCache\InvalidArgumentException $e) {
        $refused++;
    } catch (Throwable $e) {
        $leaks[] = "$what: " . get_class($e) . ': ' . $e->getMessage();
    }
}

$n = 0;
foreach (['FileBackend', 'SimpleFileBackend', 'TransientMemoryBackend', 'NullBackend'] as $bclass) {
    foreach (['VariableFrontend', 'StringFrontend', 'PhpFrontend'] as $fclass) {
        if ($fclass === 'PhpFrontend' && !in_array($bclass, ['FileBackend', 'SimpleFileBackend', 'NullBackend'], true)) {
            continue;
        }
        $bfq = "TagCache\\Backend\\$bclass";
        $ffq = "TagCache\\Frontend\\$fclass";
        $backend = str_contains($bclass, 'File') ? new $bfq(['cacheDirectory' => $base]) : new $bfq();
        $cache = new $ffq('c' . $n++, $backend);
        $data = $fclass === 'PhpFrontend' ? 'return 1;' : 'v';
        $taggable = $backend instanceof TagCache\Backend\TaggableBackendInterface;
        foreach ($hostile as $h) {
            $w = "$fclass/$bclass " . json_encode($h);
            // frontend methods
            try_call("$w set", fn() => $cache->set($h, $data));
            try_call("$w get", fn() => $cache->get($h));
            try_call("$w has", fn() => $cache->has($h));
            try_call("$w remove", fn() => $cache->remove($h));
            if ($fclass === 'PhpFrontend') {
                try_call("$w requireOnce", fn() => $cache->requireOnce($h));
            }
            if ($taggable) {
                try_call("$w set tag", fn() => $cache->set('ok', $data, [$h]));
                try_call("$w getByTag", fn() => $cache->getByTag($h));
                try_call("$w flushByTag", fn() => $cache->flushByTag($h));
                try_call("$w flushByTags", fn() => $cache->flushByTags(['ok', $h]));
            }
            // backend methods called directly
            try_call("$w backend set", fn() => $backend->set($h, 'raw'));
            try_call("$w backend get", fn() => $backend->get($h));
            try_call("$w backend has", fn() => $backend->has($h));
            try_call("$w backend remove", fn() => $backend->remove($h));
            if ($backend instanceof TagCache\Backend\PhpCapableBackendInterface) {
                try_call("$w backend requireOnce", fn() => $backend->requireOnce($h));
            }
            if ($taggable) {
                try_call("$w backend set tag", fn() => $backend->set('ok', 'raw', [$h]));
                try_call("$w backend findIdentifiersByTag", fn() => $backend->findIdentifiersByTag($h));
                try_call("$w backend flushByTag", fn() => $backend->flushByTag($h));
                try_call("$w backend flushByTags", fn() => $backend->flushByTags([$h]));
            }
            if ($cache->isValidEntryIdentifier($h) || $cache->isValidTag($h)) {
                $leaks[] = "$w isValid* said true";
            }
        }
    }
}
echo "refused: ", $refused > 1000 ? 'all' : $refused, "\n";
echo "accepted or other errors: ", $leaks ? implode("\n", $leaks) : 'none', "\n";

echo "-- cache identifiers, application identifiers\n";
foreach (['../x', "a\0b", '..', 'a/b'] as $h) {
    try_call("cache id", fn() => new VariableFrontend($h, new FileBackend(['cacheDirectory' => $base])));
    try_call("app id", fn() => new TagCache\CacheManager([], ['applicationIdentifier' => $h, 'cacheDirectory' => $base]));
    try_call("configured cache id", fn() => (new TagCache\CacheManager([$h => []], ['cacheDirectory' => $base]))->getCache($h));
}
echo "accepted: ", $leaks ? implode("\n", $leaks) : 'none', "\n";

echo "-- %2e%2e and %2f are plain names inside the cache directory\n";
$b = new FileBackend(['cacheDirectory' => $base]);
$c = new VariableFrontend('%2e%2e', $b);
$c->set('%2e%2e', 'dots', ['%2e%2e%2fx']);
$c->set('%2f%2e%2e%2fvictim', 'slash', ['%2e%2e']);
var_dump($c->get('%2e%2e'), $c->get('%2f%2e%2e%2fvictim'), array_keys($c->getByTag('%2e%2e')));
$real = realpath($b->getCacheDirectory());
var_dump(str_starts_with($real, realpath($base) . '/'), is_file("$real/data/%2e%2e.php"));
$outside = array_filter(tc_files($root), fn($f) => !str_starts_with($f, 'cache/'));
var_dump(array_values($outside));
var_dump(file_get_contents("$root/victim.php"));
var_dump($c->flushByTag('%2e%2e'), $c->flushByTag('%2e%2e%2fx'), file_exists("$root/victim.php"));
?>
--EXPECT--
refused: all
accepted or other errors: none
-- cache identifiers, application identifiers
accepted: none
-- %2e%2e and %2f are plain names inside the cache directory
string(4) "dots"
string(5) "slash"
array(1) {
  [0]=>
  string(18) "%2f%2e%2e%2fvictim"
}
bool(true)
bool(true)
array(1) {
  [0]=>
  string(10) "victim.php"
}
string(6) "victim"
int(1)
int(1)
bool(true)
