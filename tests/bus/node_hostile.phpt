--TEST--
Bus Node: hostile use: no instance without the constructor, no clone or serialize, no second construction, no re-entry from a cache's code, cycles through a cache collected, exit() in a cache's code
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../redis_helpers.inc'; tc_redis_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/node_helpers.inc';
require __DIR__ . '/../array_backend.inc';
use TagCache\Bus\Node;

class ReentrantBackend extends ArrayBackend
{
    public ?Node $node = null;
    public bool $exit = false;
    public function flush(): void
    {
        if ($this->exit) {
            exit("exit from a cache\n");
        }
        try {
            $this->node?->poll();
        } catch (Error $e) {
            echo 'inside: ', $e->getMessage(), "\n";
        }
        parent::flush();
    }
}

$redis = tc_redis_start();
$pub = tc_node_bus($redis);
$m = tc_node_manager([]);
$backend = new ReentrantBackend();
$m->registerCache(new TagCache\Frontend\VariableFrontend('R', $backend));
$node = new Node(tc_node_bus($redis), 'h', $m);

tc_expect_exception(fn() => (new ReflectionClass(Node::class))->newInstanceWithoutConstructor());
tc_expect_exception(fn() => clone $node);
tc_expect_exception(fn() => serialize($node));
tc_expect_exception(fn() => $node->__construct(tc_node_bus($redis), 'again'));
var_dump($node->getName());

$node->poll();
$backend->node = $node;                    // a cycle: node -> manager -> cache -> backend -> node
$m->getCache('R')->set('x', 1);
$pub->flushCache('R');
var_dump($node->poll());
var_dump($m->getCache('R')->has('x'));
var_dump($node->poll());

// the cycle is collected once nothing else holds it
$backend->node = $node;
$weak = WeakReference::create($node);
unset($node, $m, $backend);
gc_collect_cycles();
var_dump($weak->get());

// exit() inside a cache's code ends the script cleanly
$m = tc_node_manager([]);
$backend = new ReentrantBackend();
$m->registerCache(new TagCache\Frontend\VariableFrontend('R', $backend));
$node = new Node(tc_node_bus($redis), 'x', $m);
$node->poll();
$backend->exit = true;
$pub->flushAll();
$node->poll();
echo "not reached\n";
?>
--EXPECT--
ReflectionException: Class TagCache\Bus\Node is an internal class marked as final that cannot be instantiated without invoking its constructor
Error: Trying to clone an uncloneable object of class TagCache\Bus\Node
Exception: Serialization of 'TagCache\Bus\Node' is not allowed
Error: Node is already constructed
string(1) "h"
inside: TagCache\Bus\Node::poll() cannot run while this node is applying messages (called from a cache's code)
int(1)
bool(false)
int(0)
NULL
exit from a cache
