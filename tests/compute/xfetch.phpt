--TEST--
getOrCompute beta (XFetch): expiry and computation time stored with VariableFrontend values; INF always and a huge beta recomputes, 0 and a tiny beta never; the envelope is invisible to get()
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';

use TagCache\Backend\{FileBackend, TransientMemoryBackend};
use TagCache\Frontend\{VariableFrontend, StringFrontend};

$seed = (int)(getenv('TAGCACHE_XFETCH_SEED') ?: random_int(1, PHP_INT_MAX));
echo "seed $seed (replay with TAGCACHE_XFETCH_SEED=$seed)\n";
mt_srand($seed);

$dir = tc_tmpdir();
foreach (['plain' => [], 'signed' => ['hmacKey' => str_repeat('k', 32)]] as $kind => $opts) {
    $c = new VariableFrontend("X$kind", new FileBackend(['cacheDirectory' => "$dir/$kind"]), $opts);
    $runs = 0;
    // the computation takes a few milliseconds: delta > 0
    $f = function (string $id, array &$tags, ?int &$lifetime) use (&$runs) {
        usleep(5000);
        $lifetime = 3600;
        $tags = ['x'];
        return ['run' => ++$runs];
    };
    $c->getOrCompute('k', $f);
    echo "$kind: get sees ", json_encode($c->get('k')), ", by tag ", json_encode($c->getByTag('x')), "\n";
    $c->getOrCompute('k', $f, [], null, 0.0);
    $c->getOrCompute('k', $f, [], null, 1e-9);
    $c->getOrCompute('k', $f);
    echo "  beta 0, 1e-9 and default an hour before expiry: runs=$runs\n";
    $v = $c->getOrCompute('k', $f, [], null, 1e12);
    echo "  beta 1e12: ", json_encode($v), " runs=$runs\n";
    $v = $c->getOrCompute('k', $f, [], null, INF);
    echo "  beta INF: ", json_encode($v), " runs=$runs stored ", json_encode($c->get('k')), "\n";
    // a value written by set() has no metadata: no early recomputation but INF
    $c->set('k', 'plain set', [], 3600);
    echo "  after set(): ", json_encode($c->getOrCompute('k', $f, [], null, 1e12)), " runs=$runs\n";
    // without a lifetime the expiry is unknown: no early recomputation
    $c->getOrCompute('u', fn($id, &$tags, &$lifetime) => usleep(5000) ?? 'unlimited', [], 0);
    echo "  unlimited, beta 1e12: ", $c->getOrCompute('u', fn() => 'again', [], 0, 1e12), "\n";
}
$s = new StringFrontend('S', new TransientMemoryBackend());
$s->getOrCompute('s', fn($id, &$t, &$l) => ($l = 10) ? 'first' : '');
echo "string, beta 1e12: ", $s->getOrCompute('s', fn() => 'second', [], null, 1e12), "; INF: ",
    $s->getOrCompute('s', fn() => 'third', [], null, INF), "\n";
?>
--EXPECTF--
seed %d (replay with TAGCACHE_XFETCH_SEED=%d)
plain: get sees {"run":1}, by tag {"k":{"run":1}}
  beta 0, 1e-9 and default an hour before expiry: runs=1
  beta 1e12: {"run":2} runs=2
  beta INF: {"run":3} runs=3 stored {"run":3}
  after set(): "plain set" runs=3
  unlimited, beta 1e12: unlimited
signed: get sees {"run":1}, by tag {"k":{"run":1}}
  beta 0, 1e-9 and default an hour before expiry: runs=1
  beta 1e12: {"run":2} runs=2
  beta INF: {"run":3} runs=3 stored {"run":3}
  after set(): "plain set" runs=3
  unlimited, beta 1e12: unlimited
string, beta 1e12: first; INF: third
