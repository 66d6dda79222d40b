--TEST--
EsiProcessor: alt when src fails, onerror="continue", failures naming src and offset with the callback's exception as previous
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Page\EsiProcessor;
use TagCache\Page\EsiException;
use TagCache\Frontend\StringFrontend;
use TagCache\Backend\TransientMemoryBackend;

$cache = new StringFrontend('fragments', new TransientMemoryBackend());
$esi = new EsiProcessor($cache);
$render = function (string $src) {
    return match ($src) {
        '/ok' => 'OK',
        '/throws' => throw new DomainException("no $src"),
        '/huge' => str_repeat('x', 101),
        default => false,
    };
};

echo $esi->process('[' . EsiProcessor::include('/throws', '/ok') . ']', $render), "\n";
echo $esi->process('[' . EsiProcessor::include('/false', '/ok') . ']', $render), "\n";
echo $esi->process('[' . EsiProcessor::include('/throws', '/false', true) . ']', $render), "\n";
echo $esi->process('[' . EsiProcessor::include('/throws', null, true) . ']', $render), "\n";
// Nothing failed is stored.
var_dump($cache->has(EsiProcessor::fragmentIdentifier('/throws')), $cache->has(EsiProcessor::fragmentIdentifier('/ok')));

foreach (['ab' . EsiProcessor::include('/throws'), 'abc' . EsiProcessor::include('/false'),
          EsiProcessor::include('/false', '/throws'), EsiProcessor::include('/throws', '/false')] as $page) {
    try {
        $esi->process($page, $render);
        echo "no exception\n";
    } catch (EsiException $e) {
        echo $e->getCode(), ' ', $e->getMessage(), ' / ', $e->getPrevious() ? get_class($e->getPrevious()) : 'no previous', "\n";
    }
}

// A failure inside a fragment names the fragment.
$render2 = fn(string $src) => $src === '/outer' ? 'o:' . EsiProcessor::include('/throws') : $render($src);
try {
    $esi->process(EsiProcessor::include('/outer'), $render2);
} catch (EsiException $e) {
    echo $e->getMessage(), "\n";
}

// maxFragmentSize: a larger fragment counts as failed.
$small = new EsiProcessor(null, ['maxFragmentSize' => 100]);
echo $small->process('[' . EsiProcessor::include('/huge', '/ok') . ']', $render), "\n";
try {
    $small->process(EsiProcessor::include('/huge'), $render);
} catch (EsiException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
[OK]
[OK]
[]
[]
bool(false)
bool(true)
1011 ESI include '/throws' at offset 2 of the page failed: no /throws / DomainException
1011 ESI include '/false' at offset 3 of the page failed / no previous
1011 ESI include '/false' at offset 0 of the page failed, and so did its alt '/throws': no /throws / DomainException
1011 ESI include '/throws' at offset 0 of the page failed, and so did its alt '/false' / no previous
ESI include '/throws' at offset 2 of fragment '/outer' failed: no /throws
[OK]
ESI include '/huge' at offset 0 of the page failed: The fragment of ESI include '/huge' is 101 bytes, more than maxFragmentSize 100
