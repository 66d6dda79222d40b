--TEST--
Write tickets (file, memory): set() with a ticket is dropped (false, nothing stored) when its id, one of its tags or the whole cache was flushed after the ticket, stored otherwise; a hit gives no ticket
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../ticket_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\PhpFrontend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir();
echo "== file, VariableFrontend\n";
tc_ticket_rules(fn() => new VariableFrontend('Tickets', new FileBackend(['cacheDirectory' => $dir])));
echo "== file, StringFrontend\n";
tc_ticket_rules(fn() => new StringFrontend('Tickets', new FileBackend(['cacheDirectory' => $dir])));
echo "== memory, VariableFrontend\n";
$mem = new TransientMemoryBackend();
tc_ticket_rules(fn() => new VariableFrontend('Tickets', $mem));

echo "== PhpFrontend::requireOnce\n";
$php = new PhpFrontend('Code', new FileBackend(['cacheDirectory' => "$dir/code"]));
var_dump($php->requireOnce('code', $t), is_int($t));
$php->flushByTag('tpl');
var_dump($php->set('code', 'return 1;', ['tpl'], null, $t), $php->requireOnce('code'));
var_dump($php->requireOnce('code', $t), is_int($t));
var_dump($php->set('code', 'return 2;', ['tpl'], null, $t), $php->requireOnce('code', $t), $t);
?>
--EXPECT--
== file, VariableFrontend
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
== file, StringFrontend
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
== memory, VariableFrontend
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
== PhpFrontend::requireOnce
bool(false)
bool(true)
bool(false)
bool(false)
bool(false)
bool(true)
bool(true)
int(2)
NULL
