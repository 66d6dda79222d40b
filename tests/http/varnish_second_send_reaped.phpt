--TEST--
VarnishClient: the second-send process is this process's own child (never reparented to PID 1), reaped once it ended at the next hand-off, so no zombie stays; a pcntl_waitpid() of the script's own child still gets it
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (!is_dir('/proc/self/task')) die('skip needs /proc');
if (PHP_ZTS) die('skip threaded builds do not fork: they send synchronously at destruction');
?>
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';

use TagCache\Http\VarnishClient;

/** pid => state letter (R, S, Z...) of every child of this process. */
function children(): array
{
    $out = [];
    foreach (glob('/proc/[0-9]*/stat') as $f) {
        $stat = (string)@file_get_contents($f);
        // "pid (comm) state ppid ...": comm may hold blanks, so split after its last ')'
        $fields = explode(' ', substr($stat, (int)strrpos($stat, ')') + 2));
        if (count($fields) > 1 && (int)$fields[1] === getmypid()) {
            $out[(int)basename(dirname($f))] = $fields[0];
        }
    }
    ksort($out);
    return $out;
}

function poll_until(callable $cond): bool
{
    for ($deadline = microtime(true) + 30; !$cond() && microtime(true) < $deadline;) {
        usleep(20000); // polling an outcome, bounded
    }
    return $cond();
}

function hand_off(array $proxy, string $tag): int
{
    $before = children();
    $c = new VarnishClient([$proxy['addr']], ['secondSendDelay' => 0.2]);
    $c->invalidateTags([$tag])->flush();
    $c = null; // the hand-off: forks the sender
    $new = array_keys(array_diff_key(children(), $before));
    echo 'new children: ', count($new), "\n";
    return $new[0] ?? 0;
}

$proxy = tc_fake_proxy();
$bans = fn() => count(($proxy['requests'])());

$first = hand_off($proxy, 'one');
var_dump(poll_until(fn() => $bans() === 2));
// it ended, and nobody else reaps it: a zombie of this process until the next hand-off
var_dump(poll_until(fn() => (children()[$first] ?? '') === 'Z'));

$user = function_exists('pcntl_fork') ? pcntl_fork() : -2;
if ($user === 0) {
    // the script's own child: only its own waitpid() may take it (exec: no shutdown functions)
    pcntl_exec('/bin/sh', ['-c', 'exit 7']);
    exit(1);
}
var_dump($user > 0 ? poll_until(fn() => (children()[$user] ?? '') === 'Z') : true);

$second = hand_off($proxy, 'two');
echo 'first sender reaped: ', var_export(!isset(children()[$first]), true), "\n";
if ($user > 0) {
    echo 'own child left for the script: ', var_export(pcntl_waitpid($user, $status) === $user && pcntl_wexitstatus($status) === 7, true), "\n";
} else {
    echo "own child left for the script: true\n"; // no pcntl: nothing to check
}
var_dump(poll_until(fn() => $bans() === 4));
var_dump(poll_until(fn() => (children()[$second] ?? '') === 'Z'));

// a request that hands nothing off: RSHUTDOWN reaps in php-fpm (varnish_second_send_fpm.phpt);
// here flushDelayed() with nothing pending leaves the zombie, the next hand-off takes it
$third = hand_off($proxy, 'three');
echo 'zombies: ', count(array_filter(children(), fn($s) => $s === 'Z')), "\n";
echo 'second sender reaped: ', var_export(!isset(children()[$second]), true), "\n";
var_dump(poll_until(fn() => $bans() === 6));
echo implode(' ', array_map(fn($r) => tc_header($r, 'X-Cache-Tags'), ($proxy['requests'])())), "\n";
?>
--EXPECT--
new children: 1
bool(true)
bool(true)
bool(true)
new children: 1
first sender reaped: true
own child left for the script: true
bool(true)
bool(true)
new children: 1
zombies: 0
second sender reaped: true
bool(true)
(^|,)(one)(,|$) (^|,)(one)(,|$) (^|,)(two)(,|$) (^|,)(two)(,|$) (^|,)(three)(,|$) (^|,)(three)(,|$)
