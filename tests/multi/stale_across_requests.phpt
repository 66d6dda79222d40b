--TEST--
MultiBackend over [Redis, File]: a child that missed a set has the entry removed at once, so a later chain object (another request) never reads its older value; with setInAllBackends false every later child loses the id; a child marked for a flush still takes removals; when even the removal fails, the warning says others may read an older copy
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
$dir = tc_tmpdir('multi_stale');
$redisOptions = ['port' => $server['port'], 'connectTimeout' => 1, 'readTimeout' => 1];
// Each call is a new chain object: what the previous one knew about its children is gone, as
// between two requests.
function chain(array $extra = []): StringFrontend
{
    global $redisOptions, $dir;
    return new StringFrontend('Stale', new TaggableMultiBackend(['backendConfigurations' => [
        ['backend' => 'RedisBackend', 'backendOptions' => $redisOptions],
        ['backend' => 'FileBackend', 'backendOptions' => ['cacheDirectory' => $dir]],
    ], 'retryInterval' => 3600] + $extra));
}
$direct = new StringFrontend('Stale', new RedisBackend($redisOptions));
$refuseWrites = fn (bool $on) => tc_redis_cmd($server, 'CONFIG', 'SET', 'min-replicas-to-write', $on ? '1' : '0');
// A set reads the old entry with HMGET before it writes anything; removals read with HGET and
// delete with UNLINK. Without HMGET, Redis refuses every set before touching the old value, but
// still deletes.
$noDel = fn (bool $on) => tc_redis_cmd($server, 'ACL', 'SETUSER', 'default', $on ? '-hmget' : '+hmget');

echo "-- a set Redis refuses: removed from Redis at once\n";
chain()->set('a', 'old');
$noDel(true);
chain()->set('a', 'new');
$noDel(false);
// Another request: Redis answers first and has nothing older (it would say "old" if the id had
// only been marked in the chain object that missed the write).
var_dump($direct->has('a'), chain()->get('a'));

echo "-- setInAllBackends false\n";
// Request 1: Redis refuses writes (and deletes), the entry goes to File.
$refuseWrites(true);
chain(['setInAllBackends' => false])->set('b', 'v1');
$refuseWrites(false);
// Request 2: Redis takes it; File must not keep v1.
chain(['setInAllBackends' => false])->set('b', 'v2');
var_dump($direct->get('b'));
// Request 3: Redis stalled, File answers: never v1.
exec("kill -STOP $pid");
var_dump(chain(['setInAllBackends' => false, 'logErrors' => false])->get('b'));
exec("kill -CONT $pid");

echo "-- removals reach a child marked for a flush (removeUnhealthyBackends false)\n";
chain()->set('c', 'keep');
$c = chain(['removeUnhealthyBackends' => false, 'logErrors' => false]);
exec("kill -STOP $pid");
$c->set('d', 'x'); // Redis misses it and cannot remove it either: marked
exec("kill -CONT $pid");
echo json_encode(array_column($c->getBackend()->getBackendStates(), 'needsFlush')), "\n";
var_dump($c->remove('c'));
var_dump($direct->has('c'), chain()->get('c'));
$c->flushByTag('none');
$c->flush();
echo json_encode(array_column($c->getBackend()->getBackendStates(), 'needsFlush')), "\n";

echo "-- neither set nor removal: the warning names the limit\n";
chain()->set('e', 'old');
$refuseWrites(true);
chain()->set('e', 'new');
$refuseWrites(false);
tc_redis_stop($server);
?>
--EXPECTF--
-- a set Redis refuses: removed from Redis at once

Warning: %s: TaggableMultiBackend of cache "Stale": backend #1 (RedisBackend) failed in set and is skipped for 3600 s: %s
bool(false)
bool(false)
-- setInAllBackends false

Warning: %s: TaggableMultiBackend of cache "Stale": backend #1 (RedisBackend) failed in set and is skipped for 3600 s: %sremoving the entry failed too (%s); it may still hold an older copy of the entry for other processes until it is flushed in %s
string(2) "v2"
bool(false)
-- removals reach a child marked for a flush (removeUnhealthyBackends false)
[true,false]
bool(true)
bool(false)
bool(false)
[false,false]
-- neither set nor removal: the warning names the limit

Warning: %s: TaggableMultiBackend of cache "Stale": backend #1 (RedisBackend) failed in set and is skipped for 3600 s: %sremoving the entry failed too (%s); it may still hold an older copy of the entry for other processes until it is flushed in %s
