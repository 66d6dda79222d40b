--TEST--
EsiProcessor: nested fragments (each cached separately), the depth limit, cycles, and maxIncludes
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Page\EsiProcessor;
use TagCache\Page\EsiException;
use TagCache\Frontend\StringFrontend;
use TagCache\Backend\TransientMemoryBackend;

$cache = new StringFrontend('fragments', new TransientMemoryBackend());
$esi = new EsiProcessor($cache, ['maxDepth' => 3]);
$calls = [];
// /level/N includes /level/N+1 ; /loop includes itself.
$render = function (string $src) use (&$calls) {
    $calls[] = $src;
    if (preg_match('~^/level/(\d+)$~', $src, $m)) {
        return ['content' => "L$m[1](" . EsiProcessor::include('/level/' . ($m[1] + 1)) . ")", 'tags' => ["level$m[1]"]];
    }
    if ($src === '/leaf') return 'leaf';
    if ($src === '/two') return EsiProcessor::include('/leaf') . '+' . EsiProcessor::include('/leaf');
    if ($src === '/loop') return 'x' . EsiProcessor::include('/loop', null, true);
    return false;
};

// Depth 3 allows /level/1 .. /level/3; /level/3's own include would be depth 4.
try {
    $esi->process('<p>' . EsiProcessor::include('/level/1') . '</p>', $render);
} catch (EsiException $e) {
    echo $e->getMessage(), "\n";
}
// A malformed or too-deep chain stores what parsed: levels 1..3 are cached.
var_dump($cache->has(EsiProcessor::fragmentIdentifier('/level/3')));

echo $esi->process(EsiProcessor::include('/two') . EsiProcessor::include('/two'), $render), "\n";
echo implode(',', array_slice($calls, 3)), "\n";

// A cycle with onerror="continue" stops quietly at the depth limit.
echo $esi->process(EsiProcessor::include('/loop'), $render), "\n";

// maxDepth 1: only the page's own includes.
$flat = new EsiProcessor(null, ['maxDepth' => 1]);
echo $flat->process(EsiProcessor::include('/leaf'), $render), "\n";
try {
    $flat->process(EsiProcessor::include('/two'), $render);
} catch (EsiException $e) {
    echo $e->getMessage(), "\n";
}

// maxIncludes counts every level; it is not softened by onerror="continue".
$few = new EsiProcessor(null, ['maxIncludes' => 3]);
try {
    $few->process(str_repeat(EsiProcessor::include('/x', null, true), 4), $render);
} catch (EsiException $e) {
    echo $e->getMessage(), "\n";
}
echo $few->process(str_repeat(EsiProcessor::include('/x', null, true), 3), $render), "|\n";
?>
--EXPECT--
ESI include '/level/4' at offset 3 of fragment '/level/3' is nested deeper than maxDepth 3
bool(true)
leaf+leafleaf+leaf
/two,/leaf
xxx
leaf
ESI include '/leaf' at offset 0 of fragment '/two' is nested deeper than maxDepth 1
more than maxIncludes 3 ESI includes in one page (at '/x', offset 126 of the page)
|
