--TEST--
VarnishClient: delayed second send of every invalidation (option, coalescing, flushDelayed, flush sends what is due, failures kept and retried)
--EXTENSIONS--
tagcache
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';
// the detached sender of the clients left pending at the end logs its failures here
ini_set('error_log', tc_tmpdir('second-send') . '/error.log');
use TagCache\Http\PurgeException;
use TagCache\Http\Purger;
use TagCache\Http\VarnishClient;

function bans(array $proxy): array
{
    return array_map(fn($r) => $r['method'] . ' ' . tc_header($r, 'X-Cache-Tags'), ($proxy['requests'])());
}

foreach ([-1, 3601, 'soon', '2', "1\n", NAN] as $bad) {
    try {
        new VarnishClient(['127.0.0.1:1'], ['secondSendDelay' => $bad]);
    } catch (TagCache\InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
try {
    new Purger(new VarnishClient(['127.0.0.1:1']), null, ['secondSendDelay' => -0.5]);
} catch (TagCache\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}

echo "-- one invalidation, two sends\n";
$p = tc_fake_proxy();
$c = new VarnishClient([$p['addr']], ['secondSendDelay' => 0.2]);
var_dump($c->invalidateTags(['t1'])->flush(), $c->getDelayedCount());
var_dump($c->flushDelayed(), $c->getDelayedCount());
echo implode("\n", bans($p)), "\n";

echo "-- default delay: queued, not due\n";
$q = tc_fake_proxy();
$d = new VarnishClient([$q['addr']]);
$d->invalidateTags(['x'])->flush();
var_dump($d->getDelayedCount(), $d->flushDelayed(false), $d->getDelayedCount());
$off = new VarnishClient([$q['addr']], ['secondSendDelay' => 0]);
$off->invalidateTags(['y'])->flush();
var_dump($off->getDelayedCount());

echo "-- two proxies: one copy per proxy\n";
$a = tc_fake_proxy();
$b = tc_fake_proxy();
$two = new VarnishClient([$a['addr'], $b['addr']], ['secondSendDelay' => 0.2]);
$two->invalidateTags(['t2'])->invalidateLocations([7])->flush();
var_dump($two->getDelayedCount(), $two->flushDelayed(), count(bans($a)), count(bans($b)));

echo "-- five flushes of one tag within the delay: two second sends (on time, and after the last)\n";
$r = tc_fake_proxy();
$five = new VarnishClient([$r['addr']], ['secondSendDelay' => 2.0]);
$five->invalidateTags(['hot'])->flush();
// the last first send comes well after the first, so the copy due 2 s after the first cannot
// also stand for it (unless this process is woken more than 0.5 s late)
tc_varnish_wait_until(microtime(true) + 0.5);
for ($i = 0; $i < 4; $i++) {
    $five->invalidateTags(['hot'])->flush();
}
var_dump($five->getDelayedCount(), $five->flushDelayed(), count(bans($r)));

echo "-- flush() sends the second sends that are due\n";
$s = tc_fake_proxy();
$purger = new Purger(new VarnishClient([$s['addr']]), null, ['secondSendDelay' => 0.2]);
$purger->purgeTags(['first']);
var_dump($purger->flush(), $purger->getDelayedCount());
$due = microtime(true) + 0.3; // the copy is due 0.2 s after the end of that flush
tc_varnish_wait_until($due);
$purger->purgeTags(['second']);
var_dump($purger->flush(), $purger->getDelayedCount());
echo implode("\n", bans($s)), "\n";
var_dump($purger->flushDelayed());

echo "-- a failed second send is reported and kept, then retried\n";
$f = tc_fake_proxy('seq:200,503,200');
$c = new VarnishClient([$f['addr']], ['secondSendDelay' => 0.2]);
$c->invalidateTags(['t3'])->flush();
try {
    $c->flushDelayed();
} catch (PurgeException $e) {
    echo preg_replace('/127\.0\.0\.1:\d+/', 'PROXY', $e->getMessage()), "\n";
    $x = $e->getFailures()[0];
    echo $x['kind'], ' ', $x['status'], ' delayed=', var_export($x['delayed'], true), "\n";
}
var_dump($c->getDelayedCount(), $c->flushDelayed(), $c->getDelayedCount(), count(bans($f)));

/** Waits for the clock (the condition itself), bounded. */
function tc_varnish_wait_until(float $t): void
{
    while (microtime(true) < $t) {
        usleep(20000);
    }
}
?>
--EXPECTF--
VarnishClient option "secondSendDelay" must be a number of seconds from 0 (no second send) to 3600, got -1
VarnishClient option "secondSendDelay" must be a number of seconds from 0 (no second send) to 3600, got 3601
VarnishClient option "secondSendDelay" must be a number of seconds from 0 (no second send) to 3600, got "soon"
VarnishClient option "secondSendDelay" must be a number of seconds from 0 (no second send) to 3600, got "2"
VarnishClient option "secondSendDelay" must be a number of seconds from 0 (no second send) to 3600, got "1\n"
VarnishClient option "secondSendDelay" must be a number of seconds from 0 (no second send) to 3600, got NAN
Purger option "secondSendDelay" must be a number of seconds from 0 (no second send) to 3600, got -0.5
-- one invalidation, two sends
int(1)
int(1)
int(1)
int(0)
BAN (^|,)(t1)(,|$)
BAN (^|,)(t1)(,|$)
-- default delay: queued, not due
int(1)
int(0)
int(1)
int(0)
-- two proxies: one copy per proxy
int(4)
int(4)
int(4)
int(4)
-- five flushes of one tag within the delay: two second sends (on time, and after the last)
int(1)
int(2)
int(7)
-- flush() sends the second sends that are due
int(1)
int(1)
int(1)
int(1)
BAN (^|,)(first)(,|$)
BAN (^|,)(second)(,|$)
BAN (^|,)(first)(,|$)
int(1)
-- a failed second send is reported and kept, then retried
1 of 1 delayed second sends failed (kept for the next flush()) (1 failures): second send of BAN / X-Cache-Tags: (^|,)(t3)(,|$) X-Host: .* X-Url: .* on PROXY: HTTP 503 Bad Request (bad_response)
bad_response 503 delayed=true
int(1)
int(1)
int(0)
int(3)
