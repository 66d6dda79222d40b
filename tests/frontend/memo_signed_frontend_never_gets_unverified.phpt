--TEST--
Decoded-value memo: a signed frontend sharing a TransientMemoryBackend never gets a value not verified with its own key
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;

$value = ['plain' => 'array', 'n' => [1, 2, 3]];
$key1 = str_repeat('k', 32);
$key2 = str_repeat('z', 32);

echo "-- unsigned writes and reads first, then a signed frontend reads\n";
$backend = new TransientMemoryBackend();
$plain = new VariableFrontend('memo', $backend);
$signed = new VariableFrontend('memo', $backend, ['hmacKey' => $key1]);
$plain->set('e', $value);
var_dump($plain->get('e') === $value);   // decoded and kept
var_dump($signed->get('e'));             // unsigned payload: a miss with a warning, never the kept copy
var_dump($plain->get('e') === $value);   // the unsigned frontend still reads its own

echo "-- signed with one key, read with another\n";
$other = new VariableFrontend('memo', $backend, ['hmacKey' => $key2]);
$signed->set('s', $value);
var_dump($signed->get('s') === $value);
var_dump($other->get('s'));
var_dump($signed->get('s') === $value);

echo "-- a signed value read by an unsigned frontend is a miss too\n";
var_dump($plain->get('s'));

echo "-- allowedClasses and serializer are part of the key: both frontends still read plain values\n";
$restricted = new VariableFrontend('memo', $backend, ['allowedClasses' => false]);
var_dump($restricted->get('e') === $value, $plain->get('e') === $value);

echo "-- a write through the backend replaces the kept copy\n";
$backend->set('e', 'p' . serialize('new'));
var_dump($plain->get('e'));
?>
--EXPECTF--
-- unsigned writes and reads first, then a signed frontend reads
bool(true)

Warning: TagCache\Frontend\VariableFrontend::get(): Cache "memo": entry "e" is not signed, but this VariableFrontend requires an hmacKey signature; it reads as a miss in %s on line %d
bool(false)
bool(true)
-- signed with one key, read with another
bool(true)

Warning: TagCache\Frontend\VariableFrontend::get(): Cache "memo": entry "s" fails its HMAC check (tampered, or written with another hmacKey); it reads as a miss in %s on line %d
bool(false)
bool(true)
-- a signed value read by an unsigned frontend is a miss too

Warning: TagCache\Frontend\VariableFrontend::get(): Cache "memo": entry "s" is signed, but this VariableFrontend has no hmacKey; it reads as a miss in %s on line %d
bool(false)
-- allowedClasses and serializer are part of the key: both frontends still read plain values
bool(true)
bool(true)
-- a write through the backend replaces the kept copy
string(3) "new"
