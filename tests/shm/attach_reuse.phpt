--TEST--
SharedMemoryBackend: a new backend of a segment this process used before takes the mapping the destroyed one left, and never where a fresh open would find something else: the segment removed or replaced by another file underneath, its header overwritten in place; a forked child maps its own
--EXTENSIONS--
tagcache
pcntl
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\StringFrontend;

/** Mappings of $path in this process: [inode => count] (a removed file's too). */
function mapped(string $path): array
{
    $seen = [];
    foreach (file('/proc/self/maps') as $line) {
        $f = preg_split('/\s+/', trim($line), 6);
        if (isset($f[5]) && ($f[5] === $path || $f[5] === "$path (deleted)")) {
            $seen[(int)$f[4]] = ($seen[(int)$f[4]] ?? 0) + 1;
        }
    }
    return $seen;
}

$segment = tc_shm_segment('attach');
$c = new StringFrontend('A', tc_shm_backend($segment));
$c->set('k', 'v');
$ino = fileinode($segment);
unset($c);
echo "parked after destruction: ", var_export(mapped($segment) === [$ino => 1], true), "\n";
$c = new StringFrontend('A', tc_shm_backend($segment));
echo "taken, not mapped again: ", var_export(mapped($segment) === [$ino => 1], true), "\n";
var_dump($c->get('k'));
$d = new StringFrontend('B', tc_shm_backend($segment));
echo "a second live backend maps its own: ", var_export(mapped($segment) === [$ino => 2], true), "\n";
unset($c, $d);
echo "one kept per segment: ", var_export(mapped($segment) === [$ino => 1], true), "\n";

// removed underneath: the next backend makes and maps a new segment, the old mapping goes
unlink($segment);
$c = new StringFrontend('A', tc_shm_backend($segment));
var_dump($c->get('k'));
$c->set('k', 'new');
$ino2 = fileinode($segment);
echo "only the new segment mapped: ", var_export(mapped($segment) === [$ino2 => 1], true), "\n";
unset($c);

// replaced by another file (renamed over): the new file is used
$other = tc_shm_segment('attach-other');
$o = new StringFrontend('A', tc_shm_backend($other));
$o->set('k', 'other');
unset($o);
rename($other, $segment);
$c = new StringFrontend('A', tc_shm_backend($segment));
var_dump($c->get('k'));
unset($c);

// the header overwritten in place: refused, as a fresh open refuses it
$f = fopen($segment, 'r+');
fwrite($f, str_repeat("\0", 8));
fclose($f);
try {
    new StringFrontend('A', tc_shm_backend($segment));
    echo "accepted\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', str_replace($segment, '<segment>', $e->getMessage()), "\n";
}
unlink($segment);

// a forked child maps its own (the parked copy it inherited is dropped) and both work
$c = new StringFrontend('A', tc_shm_backend($segment));
$c->set('p', 'parent');
unset($c);
$pid = pcntl_fork();
if ($pid === 0) {
    $c = new StringFrontend('A', tc_shm_backend($segment));
    $ok = $c->get('p') === 'parent' && (mapped($segment)[fileinode($segment)] ?? 0) === 1;
    $c->set('c', 'child');
    pcntl_exec($ok ? '/bin/true' : '/bin/false');
    exit(1);
}
pcntl_waitpid($pid, $status);
echo "child: ", var_export(pcntl_wexitstatus($status) === 0, true), "\n";
$c = new StringFrontend('A', tc_shm_backend($segment));
var_dump($c->get('c'));
echo "done\n";
?>
--EXPECTF--
parked after destruction: true
taken, not mapped again: true
string(1) "v"
a second live backend maps its own: true
one kept per segment: true
bool(false)
only the new segment mapped: true
string(5) "other"
%s: shared memory segment <segment> is refused: %s
child: true
string(5) "child"
done
