--TEST--
End to end: Purger + VarnishClient against three real Varnish instances with the shipped VCL; listeners decide what goes; one instance down is named while the others are purged
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
use TagCache\Http\{ContentCacheClearEvent, EventDispatcher, OwnLocationsListener, ParentLocationsListener, Purger, VarnishClient};

$origin = tc_origin_start();
$vs = tc_varnish_start_many(3, 'ban', $origin);
$pages = ['/page/post1?tags=post-1&loc=10', '/page/post10?tags=post-10&loc=11', '/page/blog?tags=blog&loc=1', '/page/other?tags=other&loc=99'];
$show = function (string $title) use ($vs, $pages) {
    echo "$title\n";
    foreach ($vs as $i => $v) {
        $states = [];
        foreach ($pages as $p) {
            $states[] = explode(' ', tc_varnish_get($v, $p))[0];
        }
        echo "  varnish $i: ", implode(' ', $states), "\n";
    }
};
foreach ($vs as $v) {
    foreach ($pages as $p) {
        tc_varnish_get($v, $p);
    }
}
$show('cached everywhere');

// The application's relations: post 1 lives at location 10 under the blog (location 1).
$dispatcher = new EventDispatcher();
$order = [];
$dispatcher->addSubscriber(new OwnLocationsListener(function ($post) use (&$order) { $order[] = 'own'; return [$post['loc']]; }));
$dispatcher->addSubscriber(new ParentLocationsListener(function ($post) use (&$order) { $order[] = 'parent'; return [1]; }));
$dispatcher->addListener(ContentCacheClearEvent::NAME, function (ContentCacheClearEvent $e) use (&$order) {
    $order[] = 'tags first';
    $e->addTagToClear('post-' . $e->getContent()['id']);
}, 100);
$client = new VarnishClient(array_map(fn($v) => "127.0.0.1:{$v['port']}", $vs), ['secondSendDelay' => 0]);
$purger = new Purger($client, $dispatcher);
$event = $purger->purgeForContent(['id' => 1, 'loc' => 10]);
echo implode(', ', $order), ': locations ', implode(',', $event->getLocationsToClear()), ' tags ', implode(',', $event->getTagsToClear()), "\n";
var_dump($purger->flush());   // a BAN is answered once the ban is in place: nothing to wait for
$show('after purging post 1 (post-10 and other stay)');

// One instance down: the others are purged, the exception names the dead one.
foreach ($vs as $v) {
    foreach ($pages as $p) {
        tc_varnish_get($v, $p);
    }
}
tc_varnish_kill_group($vs[1]['group']);
// down means its port refuses connections: wait for that, not for a fixed time
var_dump(tc_varnish_poll(fn() => !@stream_socket_client("tcp://127.0.0.1:{$vs[1]['port']}", $errno, $errstr, 1), 20));
$purger->purgeTags(['other']);
try {
    $purger->flush();
    echo "no exception\n";
} catch (TagCache\Http\PurgeException $e) {
    $f = $e->getFailures();
    echo count($f), ' failure: ', $f[0]['proxy'] === "127.0.0.1:{$vs[1]['port']}" ? 'the dead instance' : $f[0]['proxy'], ' ', $f[0]['kind'], "\n";
    var_dump(str_contains($e->getMessage(), "127.0.0.1:{$vs[1]['port']}"));
}
foreach ([0, 2] as $i) {
    echo "varnish $i other: ", explode(' ', tc_varnish_get($vs[$i], $pages[3]))[0], "\n";
}
?>
--EXPECT--
cached everywhere
  varnish 0: HIT HIT HIT HIT
  varnish 1: HIT HIT HIT HIT
  varnish 2: HIT HIT HIT HIT
tags first, own, parent: locations 10,1 tags post-1
int(2)
after purging post 1 (post-10 and other stay)
  varnish 0: MISS HIT MISS HIT
  varnish 1: MISS HIT MISS HIT
  varnish 2: MISS HIT MISS HIT
bool(true)
1 failure: the dead instance unreachable
bool(true)
varnish 0 other: MISS
varnish 2 other: MISS
