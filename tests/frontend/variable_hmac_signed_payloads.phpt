--TEST--
VariableFrontend hmacKey: payloads are signed; tampered, unsigned, moved or foreign-key payloads read as misses with a warning
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$key = str_repeat('k', 32);
$backend = new TransientMemoryBackend();
$cache = new VariableFrontend('Signed', $backend, ['hmacKey' => $key, 'serializer' => 'php']);
$cache->set('a', ['role' => 'user']);
$cache->set('b', 'other');
var_dump($cache->get('a'));
$stored = $backend->get('a');
var_dump($stored[0], strlen($stored) > 33);

// flip one byte of the serialized data
$tampered = $stored;
$tampered[strlen($tampered) - 3] = $tampered[strlen($tampered) - 3] === 'r' ? 'R' : 'r';
$backend->set('a', $tampered);
var_dump($cache->get('a'));

// a valid payload of entry b copied under a: signed for b, so it does not verify as a
$backend->set('a', $backend->get('b'));
var_dump($cache->get('a'));

// an attacker who can write the store but not sign: a plain payload
$backend->set('a', 'p' . serialize(['role' => 'admin']));
var_dump($cache->get('a'));

// another key, and no key at all
$otherKey = new VariableFrontend('Signed2', $b2 = new TransientMemoryBackend(), ['hmacKey' => str_repeat('x', 32)]);
$b2->set('z', $stored);
var_dump($otherKey->get('z'));
$noKey = new VariableFrontend('Signed3', $b3 = new TransientMemoryBackend());
$b3->set('z', $stored);
var_dump($noKey->get('z'));

// signed values round-trip on the file backend too, with igbinary when loaded
$dir = sys_get_temp_dir() . '/tc-hmac-' . getmypid();
$file = new VariableFrontend('SignedFile', new TagCache\Backend\FileBackend(['cacheDirectory' => $dir]), ['hmacKey' => $key]);
$file->set('obj', new ArrayObject([1, 2]));
var_dump($file->get('obj')->count());
$file->flush();
exec('rm -rf ' . escapeshellarg($dir));

foreach (['short', 12345, ''] as $bad) {
    try {
        new VariableFrontend('Bad', new TransientMemoryBackend(), ['hmacKey' => $bad]);
    } catch (TagCache\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--EXPECTF--
array(1) {
  ["role"]=>
  string(4) "user"
}
string(1) "h"
bool(true)

Warning: TagCache\Frontend\VariableFrontend::get(): Cache "Signed": entry "a" fails its HMAC check (tampered, or written with another hmacKey); it reads as a miss in %s on line %d
bool(false)

Warning: TagCache\Frontend\VariableFrontend::get(): Cache "Signed": entry "a" fails its HMAC check (tampered, or written with another hmacKey); it reads as a miss in %s on line %d
bool(false)

Warning: TagCache\Frontend\VariableFrontend::get(): Cache "Signed": entry "a" is not signed, but this VariableFrontend requires an hmacKey signature; it reads as a miss in %s on line %d
bool(false)

Warning: TagCache\Frontend\VariableFrontend::get(): Cache "Signed2": entry "z" fails its HMAC check (tampered, or written with another hmacKey); it reads as a miss in %s on line %d
bool(false)

Warning: TagCache\Frontend\VariableFrontend::get(): Cache "Signed3": entry "z" is signed, but this VariableFrontend has no hmacKey; it reads as a miss in %s on line %d
bool(false)
int(2)
VariableFrontend option "hmacKey" must be a string of at least 16 bytes (use random_bytes(32)), got string of 5 bytes
VariableFrontend option "hmacKey" must be a string of at least 16 bytes (use random_bytes(32)), got int of 0 bytes
VariableFrontend option "hmacKey" must be a string of at least 16 bytes (use random_bytes(32)), got string of 0 bytes
