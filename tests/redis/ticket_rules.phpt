--TEST--
Write tickets, RedisBackend: the single-process rules, a child process flushing between ticket and set, the writer/reader race, and a database wiped after the ticket (FLUSHDB) drops the set
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); if (!function_exists('proc_open')) die('skip proc_open not available'); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
require __DIR__ . '/../ticket_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

$srv = tc_redis_start();
$port = $srv['port'];
echo "== rules\n";
tc_ticket_rules(fn() => new VariableFrontend('Tickets', new RedisBackend(['port' => $port])));
echo "== rules, compressed, StringFrontend\n";
tc_ticket_rules(fn() => new StringFrontend('Tickets', new RedisBackend(['port' => $port, 'compressionLevel' => 6])));

echo "== another process\n";
$c = new VariableFrontend('Tickets', new RedisBackend(['port' => $port]));
tc_ticket_cross_process($c, 'redis', (string)$port);

echo "== wiped\n";
$c->flushByTag('x'); // the epochs hash exists
$c->get('w', $t);
tc_redis_cmd($srv, 'FLUSHDB');
var_dump($c->set('w', 1, [], null, $t), $c->get('w'));
$c->get('w', $t);
var_dump($t, $c->set('w', 2, [], null, $t), $c->get('w'));

echo "== race\n";
tc_ticket_race($c, 'redis', (string)$port, $srv['dir'], 300);
?>
--EXPECTF--
== rules
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
== rules, compressed, StringFrontend
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
== another process
child flushed 0
  then set: false, get: false
child flushed 0
  then set: true, get: 'value'
child flushed all
  then set: false, get: false
child removed: false
  then set: false, get: false
child removed: false
  then set: true, get: 'value'
== wiped
bool(false)
bool(false)
int(0)
bool(true)
int(2)
== race
seed: %d (replay with TAGCACHE_SEED=%d)
writer: 300 versions, stale reads after a flush: 0
reader done
after the race: nothing or the last version
