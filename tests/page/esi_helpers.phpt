--TEST--
EsiProcessor: include() escaping round trip, Surrogate-Control and Surrogate-Capability helpers, options and exception class
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Page\EsiProcessor;
use TagCache\Page\EsiException;

$src = "/frag?a=1&b=\"2\"&c='<3>'";
$tag = EsiProcessor::include($src, '/alt&x', true);
echo $tag, "\n";
$esi = new EsiProcessor();
$seen = [];
$esi->process($tag, function (string $s) use (&$seen) { $seen[] = $s; return false; });
var_dump($seen === [$src, '/alt&x']);

echo EsiProcessor::surrogateControlHeader(), "\n", EsiProcessor::SURROGATE_CONTROL, "\n";
var_dump(EsiProcessor::isSurrogateCapable('abc=ESI/1.0'), EsiProcessor::isSurrogateCapable('abc=ESI/2.0'), EsiProcessor::isSurrogateCapable());
$_SERVER['HTTP_SURROGATE_CAPABILITY'] = 'varnish=ESI/1.0';
var_dump(EsiProcessor::isSurrogateCapable());
echo EsiProcessor::fragmentIdentifier('/x'), "\n";

foreach ([fn() => EsiProcessor::include(''), fn() => EsiProcessor::include('/a', "x\0y"),
          fn() => new EsiProcessor(null, ['maxDepth' => 0]), fn() => new EsiProcessor(null, ['maxDepth' => 33]),
          fn() => new EsiProcessor(null, ['maxIncludes' => '10']), fn() => new EsiProcessor(null, ['depth' => 3]),
          fn() => new EsiProcessor(null, [5])] as $f) {
    try {
        $f();
        echo "accepted\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$r = new ReflectionClass(EsiException::class);
var_dump($r->isSubclassOf(RuntimeException::class), $r->implementsInterface(TagCache\Exception::class), (new EsiException('x'))->getCode());
?>
--EXPECT--
<esi:include src="/frag?a=1&amp;b=&quot;2&quot;&amp;c=&apos;&lt;3&gt;&apos;" alt="/alt&amp;x" onerror="continue"/>
bool(true)
Surrogate-Control: content="ESI/1.0"
content="ESI/1.0"
bool(true)
bool(false)
bool(false)
bool(true)
esi_629e2b1dc0b26083ad30bab39cfc78645dd00372
ValueError: TagCache\Page\EsiProcessor::include(): Argument #1 ($src) must be a non-empty string of at most 8192 bytes without NUL bytes
ValueError: TagCache\Page\EsiProcessor::include(): Argument #2 ($alt) must be a non-empty string of at most 8192 bytes without NUL bytes
TagCache\InvalidArgumentException: EsiProcessor option "maxDepth" must be an int from 1 to 32, got int 0
TagCache\InvalidArgumentException: EsiProcessor option "maxDepth" must be an int from 1 to 32, got int 33
TagCache\InvalidArgumentException: EsiProcessor option "maxIncludes" must be an int from 1 to 100000, got string
TagCache\InvalidArgumentException: Unknown EsiProcessor option "depth" (known: maxDepth, maxIncludes, maxFragmentSize)
TagCache\InvalidArgumentException: Unknown EsiProcessor option "(integer key)" (known: maxDepth, maxIncludes, maxFragmentSize)
bool(true)
bool(true)
int(1011)
