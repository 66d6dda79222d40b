--TEST--
SharedMemoryBackend: a segment whose header geometry was overwritten (right magic and layout) is refused with a message naming the path and what is wrong, never mapped and trusted
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\StringFrontend;

$segment = tc_shm_segment();
$c = new StringFrontend('CorruptHeader', tc_shm_backend($segment));
$c->set('k', 'v');
unset($c);
$pristine = file_get_contents($segment, false, null, 0, 1 << 19);
// The namespace record: its name, then used (uint32) 240 bytes from the name's start.
$name = strpos($pristine, ":CorruptHeader\0");
$name = strrpos(substr($pristine, 0, $name), "\0") + 1;

/** Restores the header, writes $bytes at $offset, opens the segment and reports. */
function attempt(string $label, string $segment, string $pristine, int $offset, string $bytes): void
{
    $f = fopen($segment, 'r+');
    fwrite($f, $pristine);
    fseek($f, $offset);
    fwrite($f, $bytes);
    fclose($f);
    try {
        $c = new StringFrontend('CorruptHeader', tc_shm_backend($segment));
        echo "$label: accepted, get=", var_export($c->get('k'), true), "\n";
    } catch (\Throwable $e) {
        echo "$label: ", get_class($e), ': ', str_replace($segment, '<segment>', $e->getMessage()), "\n";
    }
}

// Offsets of the header fields (asserted in src/backend/shm_segment.c): nbuckets 104,
// buckets 112, tbuckets 120, arena 128, arena_end 136, bump 144, hand 168 + 160 * 8.
attempt('intact', $segment, $pristine, 0, '');
attempt('nbuckets not a power of two', $segment, $pristine, 104, pack('P', 1000));
attempt('nbuckets of another size', $segment, $pristine, 104, pack('P', 4096));
attempt('arena offset', $segment, $pristine, 128, pack('P', 1 << 30));
attempt('arena end', $segment, $pristine, 136, pack('P', 12345));
attempt('allocation pointer past the end', $segment, $pristine, 144, pack('P', 1 << 40));
attempt('free list outside', $segment, $pristine, 160 + 3 * 8, pack('P', 7));
// bytes used (offset 1464) beyond what the allocation pointer ever carved
$carved = unpack('P', substr($pristine, 144, 8))[1] - unpack('P', substr($pristine, 128, 8))[1];
attempt('bytes used beyond the carved arena', $segment, $pristine, 1464, pack('P', $carved + 16));
// a free list starting at the block of entry k (in use), checked under the mutex
attempt('free list on a block in use', $segment, $pristine, 160 + 3 * 8, substr($pristine, 128, 8));
attempt('namespace used flag', $segment, $pristine, $name + 240, pack('V', 7));
attempt('namespace name without its end', $segment, $pristine, $name, str_repeat('x', 240));
attempt('intact again', $segment, $pristine, 0, '');
?>
--EXPECTF--
intact: accepted, get='v'
nbuckets not a power of two: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: its header is corrupt: 1000 hash buckets, a segment of this size has 2048; remove the file to start afresh
nbuckets of another size: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: its header is corrupt: 4096 hash buckets, a segment of this size has 2048; remove the file to start afresh
arena offset: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: its header is corrupt: tables at %d and %d, arena at 1073741824, expected %d, %d, %d; remove the file to start afresh
arena end: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: its header is corrupt: size 1048576 and arena end 12345, the file has 1048576 bytes; remove the file to start afresh
allocation pointer past the end: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: its header is corrupt: allocation pointer 1099511627776 or CLOCK hand %d outside the arena %d..1048576; remove the file to start afresh
free list outside: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: its header is corrupt: free list 3 starts at 7, outside the arena; remove the file to start afresh
bytes used beyond the carved arena: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: its header is corrupt: %d bytes used, but only %d bytes of its arena were ever allocated; remove the file to start afresh
free list on a block in use: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: its header is corrupt: free list 3 starts at %d, which is not a free block of its size; remove the file to start afresh
namespace used flag: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: its header is corrupt: cache namespace 0 (used 7, frozen 0, 1 entries, first at %d) is not sound; remove the file to start afresh
namespace name without its end: TagCache\InvalidArgumentException: shared memory segment <segment> is refused: its header is corrupt: cache namespace 0 (used 1, frozen 0, 1 entries, first at %d) is not sound; remove the file to start afresh
intact again: accepted, get='v'
