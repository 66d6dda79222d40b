--TEST--
getOrCompute under php-fpm (one static worker): a request killed by a fatal error while holding a compute lock (in __serialize) leaves neither the FileBackend lock nor the reentrancy key to the worker's next request
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/../fpm_helpers.inc';
tc_fpm_skipif();
?>
--FILE--
<?php
/* The worker outlives the request: a leaked flock fd would stay held for its whole life (every
 * later computation of the key would wait lockTimeoutMs, then compute unlocked), and state of
 * request 1 kept beside the request's memory would be read after it was freed. */
require __DIR__ . '/../fpm_helpers.inc';

$fpm = tc_fpm_start(1);
$dir = $fpm['dir'];
$script = "$dir/w.php";
file_put_contents($script, '<?php
class Bad { public function __serialize(): array { trigger_error("fatal in __serialize", E_USER_ERROR); return []; } }
$c = new TagCache\Frontend\VariableFrontend("Fpm", new TagCache\Backend\FileBackend(["cacheDirectory" => '
    . var_export("$dir/cache", true) . ']));
$out = ["pid" => getmypid()];
if ($_GET["step"] === "die") {
    file_put_contents(' . var_export("$dir/pid1", true) . ', getmypid());
    $c->set("k", "old", [], 60);
    $c->getOrCompute("k", fn() => new Bad, [], 60, INF);
} else {
    // INF recomputes the hit only when the lock is free at once; a held one returns the hit
    $out["value"] = $c->getOrCompute("k", fn() => "new", [], 60, INF, ["lockTimeoutMs" => 0]);
    $out["nested"] = $c->getOrCompute("k2", fn() => $c->getOrCompute("k", fn() => "nested", [], 60, INF));
}
echo json_encode($out);
');
$first = tc_fpm_request($fpm, $script, ['step' => 'die']);
$second = tc_fpm_request($fpm, $script, ['step' => 'again']);
$out = json_decode($second['body'], true);
echo "first died: ", var_export(!str_contains($first['body'], '"pid"'), true), "\n";
echo "second: ", $second['status'], " ", json_encode(['value' => $out['value'] ?? null, 'nested' => $out['nested'] ?? null]), "\n";
echo "same worker: ", var_export(($out['pid'] ?? 0) === (int)@file_get_contents("$dir/pid1"), true), "\n";
echo "fatal logged: ", var_export(str_contains((string)@file_get_contents("$dir/php-errors.log"), 'fatal in __serialize'), true), "\n";
?>
--EXPECT--
first died: true
second: 200 {"value":"new","nested":"nested"}
same worker: true
fatal logged: true
