--TEST--
TaggableMultiBackend with a RedisBackend child that stops answering: warned and skipped, removals report it, it misses a flush and is flushed before it serves again (nothing stale), retried after the back-off; every child failing, debug, removeUnhealthyBackends and logErrors
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../redis_helpers.inc';
use TagCache\Backend\RedisBackend;
use TagCache\Backend\TaggableMultiBackend;
use TagCache\Frontend\StringFrontend;

$server = tc_redis_start();
$pid = tc_redis_pid($server);
$redisOptions = ['port' => $server['port'], 'connectTimeout' => 1, 'readTimeout' => 1];
$c = new StringFrontend('Multi_R', new TaggableMultiBackend([
    'backendConfigurations' => [
        ['backend' => 'RedisBackend', 'backendOptions' => $redisOptions],
        ['backend' => 'TransientMemoryBackend'],
    ],
    // Long: the back-off ends by retryBackends() below, not by the clock.
    'retryInterval' => 3600,
]));
// The Redis child seen directly.
$direct = new StringFrontend('Multi_R', new RedisBackend($redisOptions));
function states($c): string
{
    return json_encode(array_map(fn ($s) => [$s['backend'], $s['failures'], $s['needsFlush']], $c->getBackend()->getBackendStates()));
}

$c->set('a', 'old', ['t']);
$c->set('b', 'keep');
var_dump($direct->get('a'), $c->get('a'));

echo "-- Redis stops answering\n";
exec("kill -STOP $pid");
tc_expect_exception(fn () => $c->flushByTag('t'));
echo states($c), "\n";
// In back-off: not asked again (no second warning), the memory child answers.
var_dump($c->get('a'), $c->get('b'));
// Redis is not asked; the warning says what other readers of Redis may still see.
$c->set('c', 'new');
var_dump($c->get('c'));

echo "-- Redis answers again\n";
exec("kill -CONT $pid");
// What Redis still holds is what the chain flushed: stale.
var_dump($direct->get('a'));
var_dump($c->get('a'));
$c->getBackend()->retryBackends();
// Back-off over: Redis is flushed before it serves, so "old" never comes back.
var_dump($c->get('a'), $direct->has('a'));
echo states($c), "\n";
// A miss of the first child is the chain's miss, though the memory child still has "b".
var_dump($c->get('b'));
$c->set('d', 'both');
var_dump($direct->get('d'), $c->get('d'));

echo "-- a short back-off ends by itself\n";
$short = new StringFrontend('Multi_Short', new TaggableMultiBackend([
    'backendConfigurations' => [['backend' => 'RedisBackend', 'backendOptions' => $redisOptions], ['backend' => 'TransientMemoryBackend']],
    'retryInterval' => 0.05, 'logErrors' => false,
]));
exec("kill -STOP $pid");
var_dump($short->has('k'));
exec("kill -CONT $pid");
echo states($short), "\n";
// Polled with a bound: the child is tried again once its back-off is over, and answers.
for ($deadline = microtime(true) + 20; $short->getBackend()->getBackendStates()[0]['failures'] > 0 && microtime(true) < $deadline;) {
    usleep(10000);
    $short->has('k');
}
echo states($short), "\n";

echo "-- every child failing\n";
$deadPort = tc_free_port();
$dead = ['backend' => 'RedisBackend', 'backendOptions' => ['port' => $deadPort, 'connectTimeout' => 0.3]];
$only = new StringFrontend('Multi_Dead', new TaggableMultiBackend(['backendConfigurations' => [$dead]]));
tc_expect_exception(fn () => $only->get('x'));
// In back-off now: still the caller's error, naming the back-off.
tc_expect_exception(fn () => $only->set('x', 'y'));

echo "-- debug: the child's error is thrown, nothing skipped\n";
$dbg = new StringFrontend('Multi_Dbg', new TaggableMultiBackend(['backendConfigurations' => [$dead, ['backend' => 'TransientMemoryBackend']], 'debug' => true]));
tc_expect_exception(fn () => $dbg->get('x'));
tc_expect_exception(fn () => $dbg->get('x'));

echo "-- removeUnhealthyBackends false: tried on every call; logErrors false: no warning\n";
$again = new StringFrontend('Multi_Again', new TaggableMultiBackend(['backendConfigurations' => [$dead, ['backend' => 'TransientMemoryBackend']], 'removeUnhealthyBackends' => false]));
var_dump($again->get('x'), $again->get('x'));
$quiet = new StringFrontend('Multi_Quiet', new TaggableMultiBackend(['backendConfigurations' => [$dead, ['backend' => 'TransientMemoryBackend']], 'logErrors' => false]));
$quiet->set('x', 'y');
var_dump($quiet->get('x'));
echo json_encode($quiet->getBackend()->getBackendStates()[0]['failures']), "\n";
?>
--EXPECTF--
string(3) "old"
string(3) "old"
-- Redis stops answering

Warning: %s: TaggableMultiBackend of cache "Multi_R": backend #1 (RedisBackend) failed in flushByTags and is skipped for 3600 s: %s
BackendException: flushByTags failed in 1 of 2 backends: #1 RedisBackend: %s
[["RedisBackend",1,true],["TransientMemoryBackend",0,false]]
bool(false)
string(4) "keep"

Warning: %s: TaggableMultiBackend of cache "Multi_R": backend #1 (RedisBackend) failed in set and is skipped for %s s: not reached (in back-off after: %s); it may still hold an older copy of the entry for other processes until it is flushed in %s
string(3) "new"
-- Redis answers again
string(3) "old"
bool(false)
bool(false)
bool(false)
[["RedisBackend",0,false],["TransientMemoryBackend",0,false]]
bool(false)
string(4) "both"
string(4) "both"
-- a short back-off ends by itself
bool(false)
[["RedisBackend",1,false],["TransientMemoryBackend",0,false]]
[["RedisBackend",0,false],["TransientMemoryBackend",0,false]]
-- every child failing

Warning: %s: TaggableMultiBackend of cache "Multi_Dead": backend #1 (RedisBackend) failed in get and is skipped for 10 s: %s
BackendException: get failed in 1 of 1 backends: #1 RedisBackend: %s

Warning: %s: TaggableMultiBackend of cache "Multi_Dead": backend #1 (RedisBackend) failed in set and is skipped for %s s: not reached (in back-off after: %s); it may still hold an older copy of the entry for other processes until it is flushed in %s
BackendException: set failed in 1 of 1 backends: #1 RedisBackend: skipped for another %d ms after: %s
-- debug: the child's error is thrown, nothing skipped
BackendException: %s
BackendException: %s
-- removeUnhealthyBackends false: tried on every call; logErrors false: no warning

Warning: %s: TaggableMultiBackend of cache "Multi_Again": backend #1 (RedisBackend) failed in get and is tried again on the next call: %s

Warning: %s: TaggableMultiBackend of cache "Multi_Again": backend #1 (RedisBackend) failed in get and is tried again on the next call: %s
bool(false)
bool(false)
string(1) "y"
1
