<?php
/*
 * A post's page: its version from the Redis cache and from the file cache (cache-aside, see
 * lib.php), the tag header for Varnish from ResponseTagger (with the flush guard when the build
 * has it), the version in X-Post-Version (the older of the two caches' versions) and the body.
 * A cache that fails is bypassed (the post comes from the database), as a site would degrade:
 * the page stays correct and X-Degraded says so.
 */
require __DIR__ . '/lib.php';

$cfg = load_config();
$id = (int)($_GET['id'] ?? 0);
if ($id < 1 || $id > $cfg['posts']) {
    http_response_code(404);
    echo "no post $id\n";
    return;
}
$features = $cfg['features'];
$tag = "post-$id";
$manager = load_manager($cfg);

$tagger = null;
if ($features['guard']) {
    try {
        $tagger = new TagCache\Http\ResponseTagger(['guard' => $manager->getCache('PostsRedis')]);
    } catch (TagCache\Exception $e) {
        $tagger = null; // the guard's store is down: tag without it, and do not let Varnish keep the page
    }
}
$guarded = $tagger !== null;
$tagger ??= new TagCache\Http\ResponseTagger();
$tagger->addTags([$tag]);

$versions = [];
$how = [];
$degraded = [];
foreach (['redis' => 'PostsRedis', 'file' => 'PostsFile'] as $name => $cacheName) {
    try {
        [$versions[$name], $how[$name]] = load_cached_post($cfg, $manager->getCache($cacheName), $id, $features['tickets']);
    } catch (TagCache\Exception $e) {
        $versions[$name] = load_db_version($cfg, $id);
        $how[$name] = 'bypassed';
        $degraded[] = "$name: " . get_class($e);
    }
}
$version = min($versions);

header('Content-Type: text/plain');
foreach ($tagger->getTagsHeaderValues() as $value) {
    header($tagger->getTagsHeaderName() . ': ' . $value, false);
}
try {
    $stale = method_exists($tagger, 'isStale') && $tagger->isStale();
} catch (TagCache\Exception $e) {
    $stale = true; // the guard cannot tell: the page must not be kept
}
$marked = false;
foreach (headers_list() as $line) {
    $marked = $marked || stripos($line, 'X-Tagcache-Stale:') === 0;
}
if ($stale && !$marked) {
    header('X-Tagcache-Stale: 1');
}
if ($degraded || ($features['guard'] && !$guarded)) {
    // built without a working cache or guard: correct now, but not worth keeping
    header('Cache-Control: private, no-store');
    header('X-Degraded: ' . ($degraded ? implode('; ', $degraded) : 'guard unavailable'));
} else {
    header('Cache-Control: public, s-maxage=3600');
}
header("X-Post-Version: $version");
header('X-Post-Caches: ' . implode(' ', array_map(fn($n) => "$n={$versions[$n]}/{$how[$n]}", array_keys($versions))));
echo "post $id version $version\n";
