<?php
// KeyCodec: every string maps to a valid tagcache identifier, reversibly (hashed ones excepted)
// and without collisions. The random part prints its seed; TAGCACHE_SEED=<seed> replays it.

declare(strict_types=1);

namespace TagCache\Psr\Tests;

use PHPUnit\Framework\TestCase;
use TagCache\Frontend\FrontendInterface;
use TagCache\Psr\KeyCodec;

final class KeyCodecTest extends TestCase
{
    public function testRandomKeysRoundTripWithoutCollisions(): void
    {
        $seed = (int)(getenv('TAGCACHE_SEED') ?: random_int(1, 2 ** 31 - 1));
        fwrite(\STDERR, "KeyCodecTest seed: $seed (replay with TAGCACHE_SEED=$seed)\n");
        $random = new \Random\Randomizer(new \Random\Engine\Mt19937($seed));
        // few symbols, so that near-identical keys (and escapes of each other) are frequent
        $alphabets = ['a.%&_-', "aA0._%&-~ \x00\xff", "é.ü🙂%25&"];
        $seen = [];
        for ($i = 0; $i < 5000; $i++) {
            $alphabet = $alphabets[$i % 3];
            $length = $random->getInt(1, $i % 50 === 0 ? 400 : 20);
            $key = '';
            for ($j = 0; $j < $length; $j++) {
                $key .= $alphabet[$random->getInt(0, \strlen($alphabet) - 1)];
            }
            $id = KeyCodec::encode($key);
            $where = "seed $seed, key " . json_encode(bin2hex($key));
            $this->assertMatchesRegularExpression(FrontendInterface::PATTERN_ENTRYIDENTIFIER, $id, $where);
            if ($id[0] === '&') {
                $this->assertNull(KeyCodec::decode($id), $where);
            } else {
                $this->assertSame($key, KeyCodec::decode($id), $where);
            }
            if (isset($seen[$id]) && $seen[$id] !== $key) {
                $this->fail("$where collides with " . bin2hex($seen[$id]) . " as $id");
            }
            $seen[$id] = $key;
        }
    }

    public function testDotsUnicodeAndEscapeCharactersAreEscaped(): void
    {
        $this->assertSame('user%2E42', KeyCodec::encode('user.42'));
        $this->assertSame('na%C3%AFve', KeyCodec::encode('naïve'));
        // '%' and '&' are escaped too: "%2E" as a key is not the encoding of "."
        $this->assertSame('%252E', KeyCodec::encode('%2E'));
        $this->assertSame('%26', KeyCodec::encode('&'));
        $this->assertSame('A-z_09', KeyCodec::encode('A-z_09'));
        $this->assertSame('user.42', KeyCodec::decode('user%2E42'));
    }

    public function testLongKeysAreHashedAtTheIdentifierLimit(): void
    {
        $fits = str_repeat('a', KeyCodec::MAX_LENGTH);
        $this->assertSame($fits, KeyCodec::encode($fits));
        $this->assertSame(str_repeat('%2E', 83), KeyCodec::encode(str_repeat('.', 83))); // 249 bytes

        $long = KeyCodec::encode(str_repeat('a', KeyCodec::MAX_LENGTH + 1));
        $this->assertSame('&' . hash('sha256', str_repeat('a', KeyCodec::MAX_LENGTH + 1)), $long);
        $this->assertMatchesRegularExpression(FrontendInterface::PATTERN_ENTRYIDENTIFIER, $long);
        $this->assertNotSame($long, KeyCodec::encode(str_repeat('a', KeyCodec::MAX_LENGTH + 2)));
        $this->assertNull(KeyCodec::decode($long));
        // 84 dots escape to 252 bytes: hashed, although the key itself is short
        $this->assertSame('&', KeyCodec::encode(str_repeat('.', 84))[0]);
    }
}
