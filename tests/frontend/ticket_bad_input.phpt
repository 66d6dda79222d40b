--TEST--
Write tickets: a negative ticket is an InvalidArgumentException naming it; a backend without tickets (written in PHP, SimpleFileBackend) refuses get(&$ticket), set(..., $ticket) and ticket() by name and stores nothing; NullBackend hands out ticket 0
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../array_backend.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\NullBackend;
use TagCache\Backend\SimpleFileBackend;
use TagCache\Frontend\StringFrontend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir();
$c = new VariableFrontend('Bad', new FileBackend(['cacheDirectory' => $dir]));
tc_expect_exception(fn() => $c->set('a', 1, [], null, -1));
tc_expect_exception(fn() => $c->set('a', 1, [], null, PHP_INT_MIN));
var_dump($c->get('a'));
tc_expect_exception(fn() => $c->set('a', 1, [], null, 'x'));
// a ticket newer than any the cache handed out is accepted (only older flushes count)
var_dump($c->set('a', 1, [], null, PHP_INT_MAX), $c->get('a'));

foreach (['PHP backend' => new ArrayBackend(), 'SimpleFileBackend' => new SimpleFileBackend(['cacheDirectory' => "$dir/simple"])] as $name => $b) {
    echo "== $name\n";
    $f = new StringFrontend('NoTickets', $b);
    tc_expect_exception(fn() => $f->set('k', 'v', [], null, 5));
    var_dump($f->get('k'));
    $t = 'untouched';
    tc_expect_exception(function () use ($f, &$t) { $f->get('k', $t); });
    var_dump($t);
    tc_expect_exception(fn() => $f->ticket());
    // without a ticket everything works as before
    var_dump($f->set('k', 'v'), $f->get('k'));
}

echo "== a by-reference ticket that cannot take the value (typed property)\n";
class Holder { public int $ticket = -1; public ?array $name = null; }
$h = new Holder();
$m = new VariableFrontend('Typed', new TagCache\Backend\TransientMemoryBackend());
$m->set('hit', [1]);
$m->get('hit'); // decoded copy kept: the next hit is served from it
tc_expect_exception(fn() => $m->get('hit', $h->ticket));        // a hit sets null: not an int
var_dump($m->get('miss', $h->ticket) === false, $h->ticket >= 0);
tc_expect_exception(fn() => $m->get('miss', $h->name));         // a miss sets an int: not a ?array
tc_expect_exception(fn() => $c->get('a', $h->ticket));          // the same through FileBackend

echo "== NullBackend\n";
$n = new VariableFrontend('Null', new NullBackend());
var_dump($n->get('k', $t), $t, $n->ticket());
$n->flush();
var_dump($n->set('k', 1, ['x'], null, $t), $n->get('k'));
?>
--EXPECT--
InvalidArgumentException: Ticket -1 is negative: pass null, or a ticket from get() or ticket()
InvalidArgumentException: Ticket -9223372036854775808 is negative: pass null, or a ticket from get() or ticket()
bool(false)
TypeError: TagCache\Frontend\VariableFrontend::set(): Argument #5 ($ticket) must be of type ?int, string given
bool(true)
int(1)
== PHP backend
NotSupportedByBackendException: Backend ArrayBackend of cache "NoTickets" has no write tickets: use get()/set() without a ticket, or a backend with tickets such as FileBackend, RedisBackend or TransientMemoryBackend
bool(false)
NotSupportedByBackendException: Backend ArrayBackend of cache "NoTickets" has no write tickets: use get()/set() without a ticket, or a backend with tickets such as FileBackend, RedisBackend or TransientMemoryBackend
string(9) "untouched"
NotSupportedByBackendException: Backend ArrayBackend of cache "NoTickets" has no write tickets: use get()/set() without a ticket, or a backend with tickets such as FileBackend, RedisBackend or TransientMemoryBackend
bool(true)
string(1) "v"
== SimpleFileBackend
NotSupportedByBackendException: Backend TagCache\Backend\SimpleFileBackend of cache "NoTickets" has no write tickets: use get()/set() without a ticket, or a backend with tickets such as FileBackend, RedisBackend or TransientMemoryBackend
bool(false)
NotSupportedByBackendException: Backend TagCache\Backend\SimpleFileBackend of cache "NoTickets" has no write tickets: use get()/set() without a ticket, or a backend with tickets such as FileBackend, RedisBackend or TransientMemoryBackend
string(9) "untouched"
NotSupportedByBackendException: Backend TagCache\Backend\SimpleFileBackend of cache "NoTickets" has no write tickets: use get()/set() without a ticket, or a backend with tickets such as FileBackend, RedisBackend or TransientMemoryBackend
bool(true)
string(1) "v"
== a by-reference ticket that cannot take the value (typed property)
TypeError: Cannot assign null to reference held by property Holder::$ticket of type int
bool(true)
bool(true)
TypeError: Cannot assign int to reference held by property Holder::$name of type ?array
TypeError: Cannot assign null to reference held by property Holder::$ticket of type int
== NullBackend
bool(false)
int(0)
int(0)
bool(true)
bool(false)
