--TEST--
Security: CR, LF and NUL in tags, location ids, ban headers, path-ban parts, URLs, the Host and tag header options and ResponseTagger input are refused before anything is queued; a proxy receives no injected header or request
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../http_helpers.inc';
use TagCache\Http\{ContentCacheClearEvent, Purger, ResponseTagger, VarnishClient};

$proxy = tc_fake_proxy();
$client = new VarnishClient([$proxy['addr']], ['secondSendDelay' => 0]);
$xkey = new VarnishClient([$proxy['addr']], ['secondSendDelay' => 0, 'tagMode' => 'xkey']);
$purger = new Purger($client);
$tagger = new ResponseTagger();
$refused = 0;
$problems = [];
function expect_refused(string $what, callable $fn): void
{
    global $refused, $problems;
    try {
        $fn();
        $problems[] = "$what: accepted";
    } catch (TagCache\InvalidArgumentException $e) {
        $refused++;
    } catch (Throwable $e) {
        $problems[] = "$what: " . get_class($e) . ': ' . $e->getMessage();
    }
}

foreach (["\r", "\n", "\0", "\r\n"] as $bad) {
    $evil = "t{$bad}X-Injected: 1";
    $w = json_encode($bad);
    expect_refused("$w invalidateTags", fn() => $client->invalidateTags(['ok', $evil]));
    expect_refused("$w xkey invalidateTags", fn() => $xkey->invalidateTags([$evil]));
    expect_refused("$w invalidateLocations", fn() => $client->invalidateLocations([$evil]));
    expect_refused("$w ban value", fn() => $client->ban(['X-Foo' => $evil]));
    expect_refused("$w ban name", fn() => $client->ban([$evil => 'x']));
    expect_refused("$w banPath regex", fn() => $client->banPath("/a{$bad}X-Injected: 1"));
    expect_refused("$w banPath content type", fn() => $client->banPath('/a', $evil));
    expect_refused("$w banPath hosts", fn() => $client->banPath('/a', null, [$evil]));
    expect_refused("$w purge url", fn() => $client->purge("http://example.com/a{$bad}X-Injected: 1"));
    expect_refused("$w refresh url", fn() => $client->refresh("/a{$bad} HTTP/1.1{$bad}X-Injected: 1"));
    expect_refused("$w host option", fn() => new VarnishClient([$proxy['addr']], ['secondSendDelay' => 0, 'host' => $evil]));
    expect_refused("$w tagsHeader option", fn() => new VarnishClient([$proxy['addr']], ['secondSendDelay' => 0, 'tagsHeader' => $evil]));
    expect_refused("$w proxy address", fn() => new VarnishClient(["127.0.0.1:{$proxy['port']}{$bad}X"], ['secondSendDelay' => 0]));
    expect_refused("$w purger tags", fn() => $purger->purgeTags([$evil]));
    expect_refused("$w purger locations", fn() => $purger->purgeLocations([$evil]));
    expect_refused("$w event tag", fn() => (new ContentCacheClearEvent(null))->addTagToClear($evil));
    expect_refused("$w event location", fn() => (new ContentCacheClearEvent(null))->addLocationToClear($evil));
    expect_refused("$w tagger tags", fn() => $tagger->addTags([$evil]));
    expect_refused("$w tagger header name", fn() => new ResponseTagger(['headerName' => $evil]));
}
echo "refused: $refused\n";
echo "problems: ", $problems ? "\n" . implode("\n", $problems) : 'none', "\n";
echo "queued: ", $client->getQueueSize() + $xkey->getQueueSize(), ", tagger header lines: ", count($tagger->getTagsHeaderValues()), "\n";
// what the good calls queued goes out clean
$client->invalidateTags(['clean']);
$client->flush();
usleep(100000);
$requests = ($proxy['requests'])();
$injected = 0;
foreach ($requests as $r) {
    foreach ($r['headers'] as [$name]) {
        $injected += strcasecmp($name, 'X-Injected') === 0;
    }
}
echo "requests: ", count($requests), ", injected headers: $injected\n";
?>
--EXPECT--
refused: 76
problems: none
queued: 0, tagger header lines: 0
requests: 1, injected headers: 0
