--TEST--
Bus Node: a cache that throws leaves its entry unacknowledged; poll() throws BusException chaining the cause, and the next poll (or a restarted node) applies it again
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/node_helpers.inc';
require __DIR__ . '/../array_backend.inc';
use TagCache\Bus\{Node, BusException};

class FlakyBackend extends ArrayBackend
{
    public int $failures = 0;
    public function flushByTags(array $tags): int
    {
        if ($this->failures > 0) {
            $this->failures--;
            throw new RuntimeException('backend unreachable');
        }
        return parent::flushByTags($tags);
    }
}

$redis = tc_redis_start();
$pub = tc_node_bus($redis);
$m = tc_node_manager(['Files']);
$flaky = new FlakyBackend();
$m->registerCache(new TagCache\Frontend\VariableFrontend('Flaky', $flaky));
$ids = ['Files', 'Flaky'];
$node = new Node(tc_node_bus($redis), 'n1', $m);
$node->poll();
tc_node_fill($m, $ids);

$flaky->failures = 1;
$pub->flushByTags(['t1']);
$pub->remove('Files', 'c');
try {
    $node->poll();
    echo "no exception\n";
} catch (BusException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    echo get_class($e->getPrevious()), ': ', $e->getPrevious()->getMessage(), "\n";
}
echo tc_node_show($m, $ids);                   // the other cache and the other entry: applied
var_dump($node->getStats()['errors']);

// a new node object of the same name (a restarted worker) gets the unacknowledged entry again
$again = new Node(tc_node_bus($redis), 'n1', $m);
var_dump($again->poll());
echo tc_node_show($m, $ids);
$s = $again->getStats();
var_dump($s['redelivered'], $s['applied'], $s['errors']);
var_dump($again->poll(), $node->poll());       // acknowledged: nothing left for either
?>
--EXPECT--
TagCache\Bus\BusException: TagCache\Bus\Node "n1": 1 stream entry could not be applied and stay pending for the next poll: backend unreachable
RuntimeException: backend unreachable
Files: b, Flaky: a b c
int(1)
int(1)
Files: b, Flaky: b c
int(1)
int(1)
int(0)
int(0)
int(0)
