--TEST--
EsiProcessor: fragment identifiers stay right past the processor's table of recent ones, also when a render re-enters process()
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Page\EsiProcessor;
use TagCache\Frontend\StringFrontend;
use TagCache\Backend\TransientMemoryBackend;

$cache = new StringFrontend('fragments', new TransientMemoryBackend());
$esi = new EsiProcessor($cache, ["maxIncludes" => 5000]);
$inner = '';
for ($i = 0; $i < 1100; $i++) {
    $inner .= EsiProcessor::include("/inner/$i");
}
// The outer render runs a page of 1100 other includes on the same processor (more than the
// table holds) while the outer include's identifier is in use.
$render = function (string $src) use ($esi, $inner, &$render) {
    if ($src === '/outer') {
        return strlen($esi->process($inner, $render)) . ' inner bytes';
    }
    return "[$src]";
};
$page = EsiProcessor::include('/outer') . EsiProcessor::include('/outer2');
var_dump($esi->process($page, $render));
$ok = 0;
for ($i = 0; $i < 1100; $i++) {
    $ok += $cache->get(EsiProcessor::fragmentIdentifier("/inner/$i")) === "[/inner/$i]";
}
var_dump($ok, $cache->get(EsiProcessor::fragmentIdentifier('/outer')), $cache->get(EsiProcessor::fragmentIdentifier('/outer2')));
var_dump($esi->process($page . $inner, fn($s) => "never") === $esi->process($page . $inner, $render));
?>
--EXPECT--
string(26) "13190 inner bytes[/outer2]"
int(1100)
string(17) "13190 inner bytes"
string(9) "[/outer2]"
bool(true)
