--TEST--
EsiProcessor: fragments rendered once, then read from the cache; each with its own tags and lifetime; a tag flush re-renders only that fragment
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Page\EsiProcessor;
use TagCache\Frontend\StringFrontend;
use TagCache\Backend\TransientMemoryBackend;

/* Records what the processor stores. */
class RecordingFrontend extends StringFrontend
{
    public array $sets = [];
    public function set(string $entryIdentifier, mixed $data, array $tags = [], ?int $lifetime = null, ?int $ticket = null): bool
    {
        $this->sets[] = [$entryIdentifier, $data, $tags, $lifetime];
        return parent::set($entryIdentifier, $data, $tags, $lifetime, $ticket);
    }
}

$cache = new RecordingFrontend('fragments', new TransientMemoryBackend());
$esi = new EsiProcessor($cache);
$calls = [];
$render = function (string $src) use (&$calls) {
    $calls[] = $src;
    return match ($src) {
        '/header' => ['content' => '<header>H' . count($calls) . '</header>', 'tags' => ['layout'], 'lifetime' => 3600],
        '/cart?user=1&x=<y>' => ['content' => 'cart' . count($calls), 'tags' => ['cart', 'user_1'], 'lifetime' => 60],
        '/plain' => 'plain' . count($calls),
    };
};
$page = '<body>' . EsiProcessor::include('/header') . '|' . EsiProcessor::include('/cart?user=1&x=<y>')
      . '|' . EsiProcessor::include('/plain') . '</body>';

var_dump($esi->process($page, $render), $calls);
$calls = [];
var_dump($esi->process($page, $render), $calls);

foreach ($cache->sets as [$id, $data, $tags, $lifetime]) {
    echo $id === EsiProcessor::fragmentIdentifier(match (true) {
        str_starts_with($data, '<header>') => '/header', str_starts_with($data, 'cart') => '/cart?user=1&x=<y>', default => '/plain'
    }) ? 'id ok' : "id $id", ' ', $data, ' [', implode(',', $tags), '] ', var_export($lifetime, true), "\n";
}

// Flushing one fragment's tag renders only that fragment again.
echo $cache->flushByTag('cart'), "\n";
$calls = [];
var_dump($esi->process($page, $render), $calls);
var_dump($cache->has(EsiProcessor::fragmentIdentifier('/header')), $cache->get(EsiProcessor::fragmentIdentifier('/plain')));

// Without a cache every include is rendered on each call.
$nocache = new EsiProcessor();
$calls = [];
$nocache->process($page, $render);
$nocache->process($page, $render);
echo count($calls), "\n";
?>
--EXPECT--
string(45) "<body><header>H1</header>|cart2|plain3</body>"
array(3) {
  [0]=>
  string(7) "/header"
  [1]=>
  string(18) "/cart?user=1&x=<y>"
  [2]=>
  string(6) "/plain"
}
string(45) "<body><header>H1</header>|cart2|plain3</body>"
array(0) {
}
id ok <header>H1</header> [layout] 3600
id ok cart2 [cart,user_1] 60
id ok plain3 [] NULL
1
string(45) "<body><header>H1</header>|cart1|plain3</body>"
array(1) {
  [0]=>
  string(18) "/cart?user=1&x=<y>"
}
bool(true)
string(6) "plain3"
6
