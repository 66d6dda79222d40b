--TEST--
EsiProcessor: bad return types, re-entrant and hostile callbacks, clone, serialize, reflection
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
$page = 'p:' . EsiProcessor::include('/f');
foreach ([42, null, true, new stdClass, ['tags' => ['t']], ['content' => 5], ['content' => 'x', 'tags' => 't'],
          ['content' => 'x', 'lifetime' => '60'], ['content' => 'x', 'ttl' => 60], ['content' => 'x', 0 => 1]] as $ret) {
    try {
        echo $esi->process($page, fn() => $ret), "\n";
    } catch (EsiException $e) {
        echo $e->getMessage(), "\n";
    }
}
// Invalid tags are refused by the cache, with its own exception; nothing is stored.
try {
    $esi->process($page, fn() => ['content' => 'x', 'tags' => ['bad tag']]);
} catch (Throwable $e) {
    echo get_class($e), "\n";
}
var_dump($cache->has(EsiProcessor::fragmentIdentifier('/f')));

// Re-entrant: the callback processes another page with the same processor.
echo $esi->process('[' . EsiProcessor::include('/outer') . ']', function (string $src) use ($esi) {
    return $src === '/outer' ? '(' . $esi->process('in:' . EsiProcessor::include('/inner'), fn($s) => strtoupper($s)) . ')' : false;
}), "\n";

// The callback drops every other reference to the processor and its cache, or re-constructs it.
$p2 = new EsiProcessor(new StringFrontend('other', new TransientMemoryBackend()));
echo $p2->process(EsiProcessor::include('/a') . EsiProcessor::include('/b'), function (string $src) use (&$p2) {
    $p2 = null;
    gc_collect_cycles();
    return "<$src>";
}), "\n";
try {
    $esi->process($page . '!', function () use ($esi) {
        $esi->__construct(null);
    });
} catch (EsiException $e) {
    echo get_class($e->getPrevious()), ': ', $e->getPrevious()->getMessage(), "\n";
}
$cache->flush();
// The callback flushes the cache in the middle of assembling.
echo $esi->process(EsiProcessor::include('/x') . EsiProcessor::include('/y'), function (string $src) use ($cache) {
    $cache->flush();
    return $src;
}), "\n";
// The callback throws an Error (not an Exception): it becomes the previous of EsiException.
try {
    $esi->process(EsiProcessor::include('/z'), fn() => intdiv(1, 0));
} catch (EsiException $e) {
    echo get_class($e->getPrevious()), "\n";
}

foreach ([fn() => clone $esi, fn() => serialize($esi), fn() => (new ReflectionClass(EsiProcessor::class))->newInstanceWithoutConstructor()] as $f) {
    try {
        $f();
        echo "allowed\n";
    } catch (Throwable $e) {
        echo get_class($e), "\n";
    }
}
// A processor whose constructor never ran still works (no cache, defaults).
class_exists(EsiProcessor::class);
echo (new EsiProcessor())->process(EsiProcessor::include('/q'), fn($s) => 'Q'), "\n";
?>
--EXPECT--
The render callback for ESI include '/f' must return a string, an array or false, got int
The render callback for ESI include '/f' must return a string, an array or false, got null
The render callback for ESI include '/f' must return a string, an array or false, got bool
The render callback for ESI include '/f' must return a string, an array or false, got stdClass
The render callback for ESI include '/f' returned an array without "content"
The render callback for ESI include '/f' must return a string under "content", got int
The render callback for ESI include '/f' must return an array under "tags", got string
The render callback for ESI include '/f' must return an int or null under "lifetime", got string
The render callback for ESI include '/f' returned an array with the unknown key "ttl" (content, tags, lifetime)
The render callback for ESI include '/f' returned an array with the unknown key "(integer)" (content, tags, lifetime)
TagCache\InvalidArgumentException
bool(false)
[(in:/INNER)]
</a></b>
Error: TagCache\Page\EsiProcessor is already constructed
/x/y
DivisionByZeroError
Error
Exception
ReflectionException
Q
