--TEST--
EsiProcessor over a StringFrontend whose backend is PHP code: reads, stores, a throwing get() and exit() in get()
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Page\EsiProcessor;
use TagCache\Frontend\StringFrontend;

class ArrayBackend implements TagCache\Backend\BackendInterface {
    public array $data = [];
    public array $log = [];
    public string $mode = 'normal';
    public function setCache(TagCache\Frontend\FrontendInterface $cache): void {}
    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {
        $this->log[] = "set $entryIdentifier";
        $this->data[$entryIdentifier] = $data;
    }
    public function get(string $entryIdentifier): string|false {
        $this->log[] = "get $entryIdentifier";
        if ($this->mode === 'throw') { throw new RuntimeException("get($entryIdentifier) failed"); }
        if ($this->mode === 'exit') { echo "exit in get\n"; exit(0); }
        return $this->data[$entryIdentifier] ?? false;
    }
    public function has(string $entryIdentifier): bool { return isset($this->data[$entryIdentifier]); }
    public function remove(string $entryIdentifier): bool { unset($this->data[$entryIdentifier]); return true; }
    public function flush(): void { $this->data = []; }
    public function collectGarbage(): void {}
}
$backend = new ArrayBackend();
$esi = new EsiProcessor(new StringFrontend('fragments', $backend));
$page = '[' . EsiProcessor::include('/a') . '|' . EsiProcessor::include('/b') . ']';
$renders = 0;
$render = function (string $src) use (&$renders) { $renders++; return "<$src>"; };
var_dump($esi->process($page, $render), $renders);
var_dump($esi->process($page, $render), $renders);
$ida = EsiProcessor::fragmentIdentifier('/a');
var_dump($backend->data[$ida], count($backend->log), $backend->log[0] === "get $ida");
$backend->data[$ida] = 'changed';
var_dump($esi->process($page, $render));
$backend->mode = 'throw';
try {
    $esi->process($page, $render);
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage() === "get($ida) failed" ? 'get(a) failed' : $e->getMessage(), "\n";
}
$backend->mode = 'exit';
register_shutdown_function(fn() => print("shutdown\n"));
$esi->process($page, $render);
echo "not reached\n";
?>
--EXPECT--
string(11) "[</a>|</b>]"
int(2)
string(11) "[</a>|</b>]"
int(2)
string(4) "</a>"
int(6)
bool(true)
string(14) "[changed|</b>]"
RuntimeException: get(a) failed
exit in get
shutdown
