--TEST--
Fleet across applications: a backend application publishes, two frontend applications (their own application identifiers, nodes with sources naming "backend") apply it to the caches their sources name; a third application's clears reach neither
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/fleet_helpers.inc';
tc_fleet_skipif();
?>
--FILE--
<?php
require __DIR__ . '/fleet_helpers.inc';

$redis = tc_fleet_redis();
$caches = ['Data' => ['backend' => 'FileBackend'], 'Other' => ['backend' => 'FileBackend']];
$front1 = tc_fleet_node('front1', $redis, ['application' => 'front1', 'caches' => $caches,
    'node' => ['sources' => ['backend' => ['Data']]]]);
$front2 = tc_fleet_node('front2', $redis, ['application' => 'front2', 'caches' => $caches,
    'node' => ['sources' => ['backend' => ['*']]]]);
$fronts = ['front1' => $front1, 'front2' => $front2];
foreach ($fronts as $node) {
    $m = tc_fleet_manager($node);
    foreach (['Data', 'Other'] as $id) {
        $m->getCache($id)->set('news', 'x', ['news']);
        $m->getCache($id)->set('rogue', 'x', ['rogue']);
        $m->getCache($id)->set('mine', 'x', ['mine']);
        $m->getCache($id)->set('plain', 'x');
    }
}
$show = function () use ($fronts) {
    foreach ($fronts as $name => $node) {
        $m = tc_fleet_manager($node);
        $line = [];
        foreach (['Data', 'Other'] as $id) {
            $line[] = "$id:" . implode(',', array_filter(['news', 'rogue', 'mine', 'plain'], fn($e) => $m->getCache($id)->has($e)));
        }
        echo "$name: ", implode(' ', $line), "\n";
    }
};

// the third application publishes first, then a frontend's own application (no source of
// either node names it), then the backend: once the backend's clear is applied, the
// earlier ones were read too (one stream, in order)
tc_fleet_bus($redis, ['application' => 'other'])->flushByTags(['rogue']);
tc_fleet_bus($redis, ['application' => 'front1'])->flushByTags(['mine']);
$backend = tc_fleet_bus($redis, ['application' => 'backend']);
$backend->flushByTags(['news']);
foreach ($fronts as $name => $node) {
    $ok = tc_fleet_wait(fn() => !tc_fleet_manager($node)->getCache('Data')->has('news'));
    echo "$name applied the backend's clear: ", $ok ? 'yes' : 'no', "\n";
}
// front1's sources name only Data: its Other keeps "news"; front2 takes every cache
echo 'front2 Other cleared: ', tc_fleet_wait(fn() => !tc_fleet_manager($front2)->getCache('Other')->has('news')) ? 'yes' : 'no', "\n";
$show();

echo "== a flush of one cache and a remove, from the backend\n";
$backend->remove('Other', 'plain');
$backend->flushCache('Data');
foreach ($fronts as $name => $node) {
    tc_fleet_wait(fn() => !tc_fleet_manager($node)->getCache('Data')->has('plain'));
}
tc_fleet_wait(fn() => !tc_fleet_manager($front2)->getCache('Other')->has('plain'));
$show();
foreach ($fronts as $name => $node) {
    $s = tc_fleet_stop($node);
    echo "$name: errors {$s['errors']}, gaps {$s['stats']['gaps']}\n";
}
?>
--EXPECT--
front1 applied the backend's clear: yes
front2 applied the backend's clear: yes
front2 Other cleared: yes
front1: Data:rogue,mine,plain Other:news,rogue,mine,plain
front2: Data:rogue,mine,plain Other:rogue,mine,plain
== a flush of one cache and a remove, from the backend
front1: Data: Other:news,rogue,mine,plain
front2: Data: Other:rogue,mine
front1: errors 0, gaps 0
front2: errors 0, gaps 0
