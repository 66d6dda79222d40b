--TEST--
SharedMemoryBackend: an entry whose offsets or lengths were overwritten in the segment is detected (never a crash, never a wrong value): it reads as a miss with a warning, the segment is reset (recoveries + 1) and works on
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\StringFrontend;

/**
 * Stores the victim and a bystander in a fresh segment, overwrites $bytes at $field of the
 * victim's entry (found by its id bytes: the 80-byte entry header precedes them when it has
 * no tags), then reads.
 */
function damage(string $label, int $field, string $bytes): void
{
    echo "== $label\n";
    $segment = tc_shm_segment('corrupt' . crc32($label));
    $c = new StringFrontend('CorruptEntry', tc_shm_backend($segment));
    $c->set('victim-entry-id', str_repeat('v', 100));
    $c->set('bystander', 'b');
    $at = strpos(file_get_contents($segment), 'victim-entry-id');
    $f = fopen($segment, 'r+');
    fseek($f, $at - 80 + $field);
    fwrite($f, $bytes);
    fclose($f);
    var_dump($c->get('victim-entry-id'));
    // The whole segment was dropped (it could not be trusted), and it works on.
    var_dump($c->has('bystander'));
    $c->set('after', 'fine');
    var_dump($c->get('after'));
    $s = $c->getBackend()->getStatistics();
    echo "recoveries {$s['recoveries']} entries {$s['entries']} orphanTags {$s['orphanTags']}\n";
}

// Entry fields (asserted in src/backend/shm_segment.c): len at 48, hash at 64.
damage('length', 48, pack('P', 100000));
damage('length beyond the segment', 48, pack('P', PHP_INT_MAX));
damage('hash of another bucket', 64, pack('V', 0x12345677));
?>
--EXPECTF--
== length

Warning: TagCache\Frontend\StringFrontend::get(): %s"victim-entry-id" is corrupt (an entry's lengths do not fit its block) and reads as a miss in %s on line %d
bool(false)
bool(false)
string(4) "fine"
recoveries 1 entries 1 orphanTags 0
== length beyond the segment

Warning: TagCache\Frontend\StringFrontend::get(): %s"victim-entry-id" is corrupt (an entry's lengths do not fit its block) and reads as a miss in %s on line %d
bool(false)
bool(false)
string(4) "fine"
recoveries 1 entries 1 orphanTags 0
== hash of another bucket

Warning: TagCache\Frontend\StringFrontend::get(): %s"victim-entry-id" is corrupt (an entry sits in another hash bucket than its hash) and reads as a miss in %s on line %d
bool(false)
bool(false)
string(4) "fine"
recoveries 1 entries 1 orphanTags 0
