--TEST--
CacheManager: a failing cache whose exception's message is read through __get (the property unset) is named with that message in the CacheFlushException, and the value read is released at once (an object it returned is destroyed before the exception is caught)
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../array_backend.inc';
use TagCache\{CacheManager, CacheFlushException};

class MagicMessage extends RuntimeException
{
    public function __construct(private string $why)
    {
        parent::__construct('');
        unset($this->message);
    }
    public function __get($name)
    {
        // built at run time, so not an interned string: a leak of it would show
        return $name === 'message' ? str_repeat('down ', 2) . $this->why : null;
    }
}
class Noisy
{
    public function __destruct() { echo "the value __get returned is released\n"; }
}
class ObjectMessage extends RuntimeException
{
    public function __construct()
    {
        parent::__construct('');
        unset($this->message);
    }
    public function __get($name) { return new Noisy(); }
}
class ObjectFailingBackend extends ArrayBackend
{
    public function flush(): void { throw new ObjectMessage(); }
}
class MagicFailingBackend extends ArrayBackend
{
    public function flush(): void { throw new MagicMessage('for ' . strtoupper('b')); }
}

$m = new CacheManager([
    'Default' => ['backend' => 'ArrayBackend'],
    'A' => [],
    'B' => ['backend' => 'MagicFailingBackend'],
], ['cacheDirectory' => tc_tmpdir()]);
$m->getCache('A')->set('e', 1);
for ($i = 0; $i < 2; $i++) {
    try {
        $m->flushCaches();
        echo "no exception\n";
    } catch (CacheFlushException $e) {
        echo $e->getMessage(), "\n";
    }
}
var_dump($m->getCache('A')->has('e'));

// an object read through __get (not a message string): released before the exception is
// caught, not at the end of the script
$m = new CacheManager([
    'Default' => ['backend' => 'ArrayBackend'],
    'O' => ['backend' => 'ObjectFailingBackend'],
], ['cacheDirectory' => tc_tmpdir()]);
try {
    $m->flushCaches();
} catch (CacheFlushException $e) {
    echo "caught: ", $e->getMessage(), "\n";
}
unset($e);
echo "end of script\n";
?>
--EXPECT--
flushCaches() failed for 1 of 2 caches (the other 1 was reached): cache "B" (MagicMessage: down down for B)
flushCaches() failed for 1 of 2 caches (the other 1 was reached): cache "B" (MagicMessage: down down for B)
bool(false)
the value __get returned is released
caught: flushCaches() failed for 1 of 1 cache: cache "O" (ObjectMessage: )
end of script
