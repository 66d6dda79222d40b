--TEST--
SharedMemoryBackend: write tickets follow the same rules as the other backends, also across two backend objects on one segment
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../ticket_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

$segment = tc_shm_segment();
echo "== VariableFrontend\n";
tc_ticket_rules(fn() => new VariableFrontend('Tickets', tc_shm_backend($segment)));
echo "== StringFrontend\n";
tc_ticket_rules(fn() => new StringFrontend('TicketsS', tc_shm_backend($segment)));
// another cache in the segment keeps its own epochs: its flushes drop none of our writes
$c = new VariableFrontend('Mine', tc_shm_backend($segment));
$other = new VariableFrontend('Other', tc_shm_backend($segment));
$c->get('k', $t);
$other->flushByTag('news');
$other->flush();
var_dump($c->set('k', 'kept', ['news'], null, $t), $c->get('k'));
?>
--EXPECT--
== VariableFrontend
ticket on a hit: NULL
ticket on a miss: an int >= 0
flushByTag(news) after the ticket            set: false, then get: false
flushByTags([p, news2]) after the ticket     set: false, then get: false
an unrelated tag flushed                     set: true, then get: 'fresh'
flush() after the ticket                     set: false, then get: false
remove(a) after the ticket                   set: false, then get: false
remove(other) after the ticket               set: true, then get: 'fresh'
ticket() taken after the flush               set: true, then get: 'fresh'
dropped over an older entry                  set: false, then get: 'old'
old entry still found by its tag: ["d"]
flushByTag through another handle            set: false, then get: false
no ticket                                    set: true, then get: 'plain'
== StringFrontend
ticket on a hit: NULL
ticket on a miss: an int >= 0
flushByTag(news) after the ticket            set: false, then get: false
flushByTags([p, news2]) after the ticket     set: false, then get: false
an unrelated tag flushed                     set: true, then get: 'fresh'
flush() after the ticket                     set: false, then get: false
remove(a) after the ticket                   set: false, then get: false
remove(other) after the ticket               set: true, then get: 'fresh'
ticket() taken after the flush               set: true, then get: 'fresh'
dropped over an older entry                  set: false, then get: 'old'
old entry still found by its tag: ["d"]
flushByTag through another handle            set: false, then get: false
no ticket                                    set: true, then get: 'plain'
bool(true)
string(4) "kept"
