--TEST--
MultiBackend: an error handler that throws or re-enters the chain from a child's warning, a chain built without its constructor, clone and serialize
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\TaggableMultiBackend;
use TagCache\Frontend\StringFrontend;

$dead = ['backend' => 'RedisBackend', 'backendOptions' => ['port' => tc_reserved_port(), 'connectTimeout' => 0.5]];
$chain = fn (string $id, array $more = []) => new StringFrontend($id, new TaggableMultiBackend([
    'backendConfigurations' => [$dead, ['backend' => 'TransientMemoryBackend']], 'removeUnhealthyBackends' => false] + $more));

// A handler that throws: the operation finishes on the next child, then the exception surfaces.
$c = $chain('Hostile_Throw');
set_error_handler(function (int $no, string $msg) { throw new RuntimeException('from handler'); });
tc_expect_exception(fn () => $c->set('k', 'v', ['t']));
restore_error_handler();
set_error_handler(fn () => true);
var_dump($c->get('k'));
restore_error_handler();

// A handler that re-enters the chain (reads, writes, flushes) while it reports a child.
$c = $chain('Hostile_Reenter');
$depth = 0;
set_error_handler(function () use (&$c, &$depth) {
    if ($depth++ < 3) {
        $c->set('inner', 'x', ['t']);
        $c->flushByTags(['t']);
        $c->get('inner');
    }
    return true;
});
try {
    $c->set('outer', 'y', ['t']);
    var_dump($c->get('outer'));
    $c->flushByTag('t');
} catch (Throwable $e) {
    echo get_class($e), "\n";
}
restore_error_handler();
var_dump($depth > 0);

// Built without its constructor: bound to a cache, it says what is missing.
$r = new ReflectionClass(TaggableMultiBackend::class);
$b = $r->newInstanceWithoutConstructor();
tc_expect_exception(fn () => new StringFrontend('Hostile_NoCtor', $b));
class SkipsParent extends TaggableMultiBackend { public function __construct() {} }
tc_expect_exception(fn () => new StringFrontend('Hostile_Sub', new SkipsParent()));
$ok = new TaggableMultiBackend(['backendConfigurations' => [['backend' => 'TransientMemoryBackend']]]);
tc_expect_exception(fn () => clone $ok);
tc_expect_exception(fn () => serialize($ok));
tc_expect_exception(fn () => $ok->__construct(['backendConfigurations' => [['backend' => 'TransientMemoryBackend']]]));
echo "done\n";
?>
--EXPECTF--
RuntimeException: from handler
string(1) "v"
%A
bool(true)
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" must be given: %s
InvalidArgumentException: TaggableMultiBackend option "backendConfigurations" must be given: %s
Error: Trying to clone an uncloneable object of class TagCache\Backend\TaggableMultiBackend
Exception: Serialization of 'TagCache\Backend\TaggableMultiBackend' is not allowed
Error: TaggableMultiBackend is already constructed
done
