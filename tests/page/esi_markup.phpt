--TEST--
EsiProcessor: esi:remove, esi:comment, <!--esi -->, pages without markup unchanged, malformed markup named with its offset
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Page\EsiProcessor;
use TagCache\Page\EsiException;
use TagCache\Frontend\StringFrontend;
use TagCache\Backend\TransientMemoryBackend;

$esi = new EsiProcessor($cache = new StringFrontend('fragments', new TransientMemoryBackend()));
$render = fn(string $src) => match ($src) {
    '/bad' => 'ok then <esi:include src="/x">',
    '/a&b' => 'amp',
    default => strtoupper(trim($src, '/')),
};

echo $esi->process('1<esi:remove><a href="/fallback">no ESI</a><esi:whatever></esi:remove>2'
    . '<esi:comment text="for editors"/>3<!--esi <b><esi:include src="/x"/></b> -->4<esi:remove/>5', $render), "\n";
echo $esi->process("<esi:include\n  src='/a&amp;b'\tonerror = \"continue\" />", $render), "\n";

// Without markup the page comes back unchanged, byte for byte, for any bytes.
$seed = getenv('TAGCACHE_SEED') !== false ? (int)getenv('TAGCACHE_SEED') : random_int(1, PHP_INT_MAX);
$rng = new Random\Randomizer(new Random\Engine\Mt19937($seed));
$same = true;
for ($i = 0; $i < 200; $i++) {
    $page = str_replace(['<esi:', '</esi:', '<!--esi'], '', $rng->getBytes($rng->getInt(1, 300)) . '<es<!--e</es');
    if ($esi->process($page, $render) !== $page) {
        $same = false;
        echo "seed $seed: page $i changed\n";
    }
}
var_dump($same);

$bad = [
    'ab<esi:include src="/x"',
    '<esi:include/>',
    '<p><esi:include src=""/>',
    'xx<esi:try><esi:attempt/></esi:try>',
    '<esi:remove>abc',
    'abc</esi:remove>',
    '<esi:include src="/a" foo="1"/>',
    '<esi:include src="/a" onerror="abort"/>',
    '<esi:include src=/a />',
    '<esi:include src="/a">',
    '<!--esi <esi:include src="/a"/>',
    '<esi:include src="/a" src="/b"/>',
    "<esi:include src=\"/a\" \x01/>",
    '<esi:vars>$(HTTP_HOST)</esi:vars>',
];
foreach ($bad as $page) {
    try {
        $esi->process($page, $render);
        echo "accepted: $page\n";
    } catch (EsiException $e) {
        echo $e->getMessage(), "\n";
    }
}
// A malformed fragment names itself, and is not stored.
try {
    $esi->process('<div>' . EsiProcessor::include('/bad') . '</div>', $render);
} catch (EsiException $e) {
    echo $e->getMessage(), "\n";
}
var_dump($cache->has(EsiProcessor::fragmentIdentifier('/bad')));
?>
--EXPECT--
123 <b>X</b> 45
amp
bool(true)
malformed ESI markup at offset 2: unterminated <esi:include> tag (no closing />)
malformed ESI markup at offset 0: <esi:include> without src
malformed ESI markup at offset 21: empty src in <esi:include>
malformed ESI markup at offset 2: unsupported element <esi:try> (include, remove, comment)
malformed ESI markup at offset 0: unterminated <esi:remove> (no </esi:remove>)
malformed ESI markup at offset 3: </esi:remove> without an opening <esi:remove>
malformed ESI markup at offset 22: unknown attribute foo of <esi:include> (src, alt, onerror)
malformed ESI markup at offset 31: onerror of <esi:include> must be "continue"
malformed ESI markup at offset 17: value of attribute src must be quoted
malformed ESI markup at offset 21: <esi:include> must be self-closing (/>), found '>'
malformed ESI markup at offset 0: unterminated <!--esi (no -->)
malformed ESI markup at offset 22: duplicate attribute src in <esi:include>
malformed ESI markup at offset 22: unexpected character \x01 in <esi:include> tag
malformed ESI markup at offset 0: unsupported element <esi:vars> (include, remove, comment)
malformed ESI markup in fragment '/bad' at offset 29: <esi:include> must be self-closing (/>), found '>'
bool(false)
