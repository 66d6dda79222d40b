--TEST--
VariableFrontend: a stored string is decoded into the buffer it was read into, or as SharedMemoryBackend copies it (no second copy); values with quotes, separators and serialized-looking bytes come back exact, a buffer a PHP backend still holds is never changed, and what is not a plain string unserializes as before
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/../array_backend.inc';
use TagCache\Backend\FileBackend;
use TagCache\Backend\SharedMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$dir = tc_tmpdir('inplace');
$values = [
    'empty' => '',
    'zero' => '0',
    'quotes' => 'a";b:"c";',
    'serialized' => serialize(['x' => 's:3:"abc";']),
    'binary' => "\0\x01\xff\";\n",
    'big' => str_repeat('0123456789abcdef', 65536), // 1 MiB
    // around SharedMemoryBackend's 4 KiB stack copy: payloads read in one pass or two
    'edge4k_minus' => str_repeat('q', 4096 - 10),
    'edge4k' => str_repeat('r', 4096 - 9),
    'edge4k_plus' => str_repeat('s', 4096),
    'ten-kb' => str_repeat("a\0\"b", 2560),
    'int' => 42,
    'array' => ['s:1:"a";', 'b'],
];
// one backend object per cache
$backends = [
    'file' => fn (int $n) => new FileBackend(['cacheDirectory' => "$dir/file$n"]),
    'shm' => fn (int $n) => new SharedMemoryBackend(['segment' => "$dir/segment", 'size' => 8 << 20]),
    'php array' => fn (int $n) => new ArrayBackend(),
];
$arrays = [];
foreach ($backends as $name => $make) {
    foreach ([[], ['hmacKey' => str_repeat('k', 32)]] as $options) {
        $c = new VariableFrontend('InPlace' . count($options), $backend = $make(count($options)), $options);
        if ($backend instanceof ArrayBackend) {
            $arrays[count($options)] = $backend;
        }
        $ok = true;
        foreach ($values as $id => $v) {
            $c->set($id, $v, ['t']);
            // twice: a first read must not have changed what the second one reads
            foreach ([1, 2] as $round) {
                $got = $c->get($id);
                if ($got !== $v) {
                    $ok = false;
                    echo "$name ", $options ? 'signed ' : '', "$id (read $round): ", var_export(substr((string)$got, 0, 40), true), "\n";
                }
            }
        }
        $byTag = $c->getByTag('t');
        ksort($byTag);
        $want = $values;
        ksort($want);
        $ok = $ok && $byTag === $want;
        // the decoded string is an ordinary string: a hash key, appended to, compared
        $s = $c->get('quotes');
        $map = [$s => 1];
        $s .= '!';
        $ok = $ok && isset($map['a";b:"c";']) && $s === 'a";b:"c";!' && $c->get('quotes') === 'a";b:"c";';
        echo "$name", $options ? ' signed' : '', ': ', $ok ? 'exact' : 'WRONG', "\n";
    }
}
// the PHP backend's own copies are untouched: it holds the buffers it hands out
$stored = $arrays[0]->entries;
$c = $arrays[0]->cache;
$c->get('big');
$c->get('quotes');
var_dump($arrays[0]->entries === $stored && strlen($stored['big']) > 1 << 20);
// StringFrontend stores bytes as they are, even bytes that look like a serialized string
$raw = new TagCache\Frontend\StringFrontend('Raw', $backends['shm'](3));
$raw->set('r', 'ps:3:"abc";');
$raw->set('r2', 'ps:' . 5000 . ':"' . str_repeat('z', 5000) . '";');
var_dump($raw->get('r') === 'ps:3:"abc";', $raw->get('r2') === 'ps:5000:"' . str_repeat('z', 5000) . '";');
// getOrCompute's envelope around a string
$c = new VariableFrontend('Computed', $backends['shm'](2));
$first = $c->getOrCompute('c', fn () => $values['big'], [], 600);
var_dump($first === $values['big'], $c->getOrCompute('c', fn () => 'recomputed', [], 600) === $values['big']);
?>
--EXPECT--
file: exact
file signed: exact
shm: exact
shm signed: exact
php array: exact
php array signed: exact
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
