--TEST--
Frontend: a subclass that skips parent::__construct gets a clear Error; frontends and backends cannot be cloned or constructed twice
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\StringFrontend;

class Lazy extends VariableFrontend {
    public function __construct() {}
}
class Good extends StringFrontend {
    public function __construct(string $id, TagCache\Backend\BackendInterface $backend, public string $extra = 'x') {
        parent::__construct($id, $backend);
    }
}
$lazy = new Lazy();
tc_expect_exception(fn() => $lazy->get('a'));
tc_expect_exception(fn() => $lazy->set('a', 1));
tc_expect_exception(fn() => $lazy->getIdentifier());
var_dump($lazy->isValidEntryIdentifier('ok'));

$good = new Good('good', new TransientMemoryBackend());
$good->set('a', 'A');
var_dump($good->get('a'), $good->extra);

$cache = new VariableFrontend('once', new TransientMemoryBackend());
tc_expect_exception(fn() => clone $cache);
tc_expect_exception(fn() => $cache->__construct('again', new TransientMemoryBackend()));
var_dump($cache->getIdentifier());
tc_expect_exception(fn() => clone new TransientMemoryBackend());
?>
--EXPECT--
Error: Lazy was not constructed: call parent::__construct()
Error: Lazy was not constructed: call parent::__construct()
Error: Lazy was not constructed: call parent::__construct()
bool(true)
string(1) "A"
string(1) "x"
Error: Trying to clone an uncloneable object of class TagCache\Frontend\VariableFrontend
Error: TagCache\Frontend\VariableFrontend is already constructed
string(4) "once"
Error: Trying to clone an uncloneable object of class TagCache\Backend\TransientMemoryBackend
