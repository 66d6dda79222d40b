--TEST--
SharedMemoryBackend: a segment that is group/world-writable, a symlink, of another size, or with a foreign header is refused with a message naming the path and the rule; an oversize value is refused
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\StringFrontend;

function attempt(string $label, string $segment, array $options = []): void
{
    try {
        $c = new StringFrontend('Hostile', tc_shm_backend($segment, $options));
        $c->set('k', 'v');
        echo "$label: accepted, get=", var_export($c->get('k'), true), "\n";
    } catch (\Throwable $e) {
        echo "$label: ", get_class($e), ': ', str_replace($segment, '<segment>', $e->getMessage()), "\n";
    }
}

$segment = tc_shm_segment();
attempt('fresh', $segment);
chmod($segment, 0666);
attempt('mode 0666', $segment);
chmod($segment, 0620);
attempt('mode 0620', $segment);
chmod($segment, 0600);
attempt('mode 0600 again', $segment);
attempt('another size', $segment, ['size' => 2 << 20]);

$link = dirname($segment) . '/link';
symlink($segment, $link);
attempt('symlink', $link);

// a foreign header: garbage in the first bytes
$f = fopen($segment, 'r+');
fwrite($f, 'not a tagcache segment');
fclose($f);
attempt('garbage header', $segment);
// the right magic but another layout version
$f = fopen($segment, 'r+');
fwrite($f, pack('P', 0x31304d4853435454) . pack('V', 99));
fclose($f);
attempt('layout version 99', $segment);
// a segment of the previous layout (1, before seqlock reads): refused, naming both versions
$f = fopen($segment, 'r+');
fwrite($f, pack('P', 0x31304d4853435454) . pack('V', 1));
fclose($f);
attempt('layout version 1', $segment);

echo "== oversize\n";
$big = tc_shm_segment('big');
$c = new StringFrontend('Big', tc_shm_backend($big));
$c->set('small', 'fits');
try {
    $c->set('huge', str_repeat('x', 1 << 20));
} catch (\Throwable $e) {
    echo get_class($e), ': ', str_replace($big, '<segment>', $e->getMessage()), "\n";
}
var_dump($c->get('small'), $c->has('huge'));
// the largest value that fits is stored (evicting what it must)
$n = 0;
for ($len = 700000; $len > 0; $len -= 20000) {
    try {
        $c->set('large', str_repeat('y', $len));
        $n = $len;
        break;
    } catch (\Throwable $e) {
    }
}
echo $n > 0 && strlen($c->get('large')) === $n ? "a value of {$n} bytes fits\n" : "nothing fits\n";
echo 'orphanTags ', $c->getBackend()->getStatistics()['orphanTags'], "\n";

echo "== namespaces\n";
$many = tc_shm_segment('many');
for ($i = 1; $i <= 33; $i++) {
    try {
        (new StringFrontend("Cache$i", tc_shm_backend($many)))->set('k', 'v');
    } catch (\Throwable $e) {
        echo "cache $i: ", get_class($e), ': ', str_replace($many, '<segment>', $e->getMessage()), "\n";
    }
}
?>
--EXPECTF--
fresh: accepted, get='v'
mode 0666: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: it must not be group- or world-writable (mode 0666, owner %d)
mode 0620: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: it must not be group- or world-writable (mode 0620, owner %d)
mode 0600 again: accepted, get='v'
another size: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: it has 1048576 bytes, the configured size is 2097152
symlink: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: it must not be a symbolic link
garbage header: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: it does not start with the segment magic (not a segment of this extension, or overwritten); remove the file to start afresh
layout version 99: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: it has layout version 99, this build reads layout version 3; remove the file to start afresh
layout version 1: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: it has layout version 1, this build reads layout version 3; remove the file to start afresh
== oversize
TagCache\InvalidArgumentException: entry "huge" of 1048576 bytes does not fit in shared memory segment <segment>: with its identifier, tags and block headers it needs more than the %d bytes the segment holds for entries (option size is 1048576 bytes)
string(4) "fits"
bool(false)
a value of %d bytes fits
orphanTags 0
== namespaces
cache 33: TagCache\InvalidArgumentException: shared memory segment <segment> already holds 32 caches, the most it can: give cache default:Cache33 a segment of its own
