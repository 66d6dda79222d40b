--TEST--
FileBackend: a new backend object of a directory this process used before takes the handles the destroyed one left (no directory is opened again), and never where a fresh open would find something else: the tree removed, or replaced by another directory, underneath; the folder opened to everybody; a flush by another process; a forked child opens its own
--EXTENSIONS--
tagcache
pcntl
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

/** Descriptors of this process open on something below $dir (directories and files). */
function fds_below(string $dir): int
{
    $n = 0;
    foreach (scandir('/proc/self/fd') as $fd) {
        $target = @readlink("/proc/self/fd/$fd");
        if ($target !== false && str_starts_with($target, $dir)) {
            $n++;
        }
    }
    return $n;
}
function cache(string $dir, array $more = []): StringFrontend
{
    return new StringFrontend('C', new FileBackend(['cacheDirectory' => $dir] + $more));
}

$dir = realpath(tc_tmpdir('attach'));
$c = cache($dir);
$c->set('a', 'one', ['t']);
$open = fds_below($dir);
echo "descriptors while in use: ", $open > 0 ? 'some' : 'none', "\n";
unset($c);
echo "kept after destruction: ", var_export(fds_below($dir) === $open, true), "\n";
$c = cache($dir);
echo "none more for a new object: ", var_export(fds_below($dir) === $open, true), "\n";
var_dump($c->get('a'));
// two objects at once never share: the second opens its own
$d = cache($dir);
echo "second live object opens its own: ", var_export(fds_below($dir) === 2 * $open, true), "\n";
var_dump($d->get('a'));
unset($c, $d);

// options are the object's own: a default lifetime of the first is not the next one's
$c = cache($dir, ['defaultLifetime' => 1]);
$c->set('short', 'x');
unset($c);
$c = cache($dir);
$c->set('forever', 'y');
$data = "$dir/C/data";
$expiry = fn(string $id) => (int)explode(' ', file_get_contents("$data/$id.php", false, null, 0, 80))[4];
echo "lifetimes: ", var_export($expiry('short') <= time() + 1 && $expiry('forever') >= time() + 3000, true), "\n";
unset($c);

// the tree removed underneath: the next object builds a new one, and finds nothing old
tc_rmdir("$dir/C");
$c = cache($dir);
var_dump($c->get('a'));
$c->set('b', 'two', ['t']);
echo "b in the new tree: ", var_export(is_file("$dir/C/data/b.php") && is_file("$dir/C/tags/t/b"), true), "\n";
var_dump($c->getByTag('t'));
unset($c);

// the tree replaced by another directory (renamed away, a new one made): the new one is used
rename("$dir/C", "$dir/C.old");
mkdir("$dir/C", 0700);
$c = cache($dir);
var_dump($c->get('b'));
$c->set('c', 'three', ['t']);
echo "c in the new tree: ", var_export(is_file("$dir/C/data/c.php"), true), ", not in the old: ",
    var_export(!is_file("$dir/C.old/data/c.php"), true), "\n";
unset($c);
tc_rmdir("$dir/C.old");

// only data/ removed underneath
$c = cache($dir);
unset($c);
tc_rmdir("$dir/C/data");
$c = cache($dir);
var_dump($c->get('c'));
$c->set('d', 'four');
var_dump($c->get('d'), is_file("$dir/C/data/d.php"));
unset($c);

// locks/ removed and recreated by another process: the stripes file there is a new one, so
// the mapping of the old one must not be reused (it would not exclude that process's writers)
$c = cache($dir);
unset($c);
tc_rmdir("$dir/C/locks");
$pid = pcntl_fork();
if ($pid === 0) {
    cache($dir)->set('e', 'five');
    pcntl_exec('/bin/true'); // ends the child without running the parent's shutdown functions
    exit(1);
}
pcntl_waitpid($pid, $status);
$stripes = glob("$dir/C/locks/stripes-*");
$ino = fileinode($stripes[0]);
$c = cache($dir);
$c->set('f', 'six');
$mapped = 0;
foreach (file('/proc/self/maps') as $line) {
    $f = preg_split('/\s+/', trim($line));
    if (isset($f[5]) && str_starts_with($f[5], "$dir/C/locks/stripes-")) {
        $mapped += (int)$f[4] === $ino ? 1 : 100;
    }
}
echo "maps the stripes file of the new locks/: ", var_export($mapped === 1, true), "\n";
var_dump($c->get('e'));
unset($c);

// a flush by another process between two objects here: nothing stale is read
$c = cache($dir);
$c->set('g', 'seven', ['t']);
unset($c);
$pid = pcntl_fork();
if ($pid === 0) {
    cache($dir)->flush();
    pcntl_exec('/bin/true');
    exit(1);
}
pcntl_waitpid($pid, $status);
$c = cache($dir);
var_dump($c->get('g'), $c->get('f'));
unset($c);

// a forked child does not use what its parent left (it opens its own), and both still work
$c = cache($dir);
$c->set('h', 'eight', ['t']);
unset($c);
$before = fds_below($dir);
$pid = pcntl_fork();
if ($pid === 0) {
    $c = cache($dir);
    // the inherited parked copies are closed (the parent's stay open), its own opened: no more
    $own = fds_below($dir) === $before;
    $c->set('i', 'nine', ['t']);
    pcntl_exec($own && $c->get('h') === 'eight' ? '/bin/true' : '/bin/false');
    exit(1);
}
pcntl_waitpid($pid, $status);
echo "child works, inherited copies not kept beside its own: ", var_export(pcntl_wexitstatus($status) === 0, true), "\n";
$c = cache($dir);
echo "parent reuses: ", var_export(fds_below($dir) === $before, true), "\n";
var_dump($c->get('i'));
$r = $c->getByTag('t');
ksort($r);
var_dump($r);
unset($c);

// the cache's own folder opened to everybody after its handles were parked: the next object
// refuses it, as a fresh open does
chmod("$dir/C", 0777);
try {
    var_dump(cache($dir)->get('i'));
} catch (TagCache\BackendException $e) {
    echo get_class($e), ': ', str_contains($e->getMessage(), "$dir/C is writable by everybody (mode 777)") ? 'names the folder and its mode' : $e->getMessage(), "\n";
}
chmod("$dir/C", 0700);
var_dump(cache($dir)->get('i'));
tc_rmdir($dir);
echo "done\n";
?>
--EXPECT--
descriptors while in use: some
kept after destruction: true
none more for a new object: true
string(3) "one"
second live object opens its own: true
string(3) "one"
lifetimes: true
bool(false)
b in the new tree: true
array(1) {
  ["b"]=>
  string(3) "two"
}
bool(false)
c in the new tree: true, not in the old: true
bool(false)
string(4) "four"
bool(true)
maps the stripes file of the new locks/: true
string(4) "five"
bool(false)
bool(false)
child works, inherited copies not kept beside its own: true
parent reuses: true
string(4) "nine"
array(2) {
  ["h"]=>
  string(5) "eight"
  ["i"]=>
  string(4) "nine"
}
TagCache\BackendException: names the folder and its mode
string(4) "nine"
done
