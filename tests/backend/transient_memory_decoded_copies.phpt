--TEST--
TransientMemoryBackend: values VariableFrontend keeps decoded stay independent of the caller and never go stale
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Frontend\StringFrontend;

$backend = new TransientMemoryBackend();
$cache = new VariableFrontend('Mem', $backend, ['serializer' => 'php']);

// A plain array read twice: changing the first copy must not show in the second.
$cache->set('a', ['list' => [1, 2], 'name' => 'x']);
$first = $cache->get('a');
$first['list'][] = 3;
$first['name'] .= 'y';
var_dump($cache->get('a') === ['list' => [1, 2], 'name' => 'x']);

// Rewritten through the frontend, then through the backend directly: the new value wins.
$cache->set('a', 'second');
var_dump($cache->get('a'));
$backend->set('a', serialize('third'));   // bytes written behind the frontend's back
var_dump($cache->get('a') === false);     // no format marker: a miss, never the old copy
$backend->set('a', 'p' . serialize('fourth'));
var_dump($cache->get('a'));

// Removed, flushed by tag, expired: a miss even though a decoded copy was kept before.
$cache->set('b', [1], ['t']);
$cache->get('b');
$backend->remove('b');
var_dump($cache->get('b'));
$cache->set('b', [2], ['t']);
$cache->get('b');
var_dump($cache->flushByTag('t'), $cache->get('b'));
$cache->set('c', 'short', [], 1);
$cache->get('c');
sleep(2);
var_dump($cache->get('c'), $cache->has('c'));

// Objects are never shared: each get builds its own.
$o = new stdClass;
$o->n = 1;
$cache->set('o', $o);
$x = $cache->get('o');
$x->n = 2;
var_dump($cache->get('o')->n, $cache->get('o') !== $cache->get('o'));

// Arrays holding objects or references are not shared either.
$cache->set('mixed', ['obj' => $o]);
$m = $cache->get('mixed');
$m['obj']->n = 99;
var_dump($cache->get('mixed')['obj']->n);
$r = [1];
$withRef = [&$r, &$r];
$cache->set('ref', $withRef);
$got = $cache->get('ref');
$got[0][] = 2;
var_dump($cache->get('ref')[1]);

// A StringFrontend on the same backend writes raw bytes: the VariableFrontend sees the change.
$cache->set('s', 'one');
$cache->get('s');
(new StringFrontend('Mem', $backend))->set('s', 'p' . serialize('two'));
var_dump($cache->get('s'));
?>
--EXPECTF--
bool(true)
string(6) "second"

Warning: TagCache\Frontend\VariableFrontend::get(): Cache "Mem": entry "a" starts with an unknown format marker; it reads as a miss in %s on line %d
bool(true)
string(6) "fourth"
bool(false)
int(1)
bool(false)
bool(false)
bool(false)
int(1)
bool(true)
int(1)
array(1) {
  [0]=>
  int(1)
}
string(3) "two"
