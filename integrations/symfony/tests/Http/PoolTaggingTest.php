<?php
// The real TagCacheAdapter reporting to the real ResponseTaggingObserver: tags Symfony accepts
// and the HTTP side refuses (commas, whitespace, NUL, very long) reach the tagger through the one
// mapping (ProxyTags) and never make an entry unreadable or a save fail; a failure of the
// observer is logged, not thrown; outside a main request the tagger is not fed.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

use PHPUnit\Framework\TestCase;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\RequestStack;
use Symfony\Contracts\Cache\ItemInterface;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Frontend\VariableFrontend;
use TagCache\Http\ResponseTagger;
use TagCache\Psr\KeyCodec;
use TagCache\Symfony\Cache\TagCacheAdapter;
use TagCache\Symfony\Http\ProxyTags;
use TagCache\Symfony\Http\RequestLog;
use TagCache\Symfony\Http\ResponseTaggingObserver;
use TagCache\Symfony\Tests\Http\App\RecordingLogger;

final class PoolTaggingTest extends TestCase
{
    private const BAD = ['a b', 'x,y', "t\tab", "cr\r\nlf", "nul\0byte", 'v' . "\v" . 'f' . "\f"];

    private ResponseTagger $tagger;
    private RequestStack $requests;
    private RecordingLogger $logger;

    private function adapter(?ResponseTagger $tagger = null): TagCacheAdapter
    {
        $this->tagger = $tagger ?? new ResponseTagger();
        $this->requests = new RequestStack();
        $this->requests->push(Request::create('/'));
        $observer = new ResponseTaggingObserver($this->tagger, new RequestLog(), null, $this->requests);
        $adapter = new TagCacheAdapter('app', null, new VariableFrontend('App', new TransientMemoryBackend()), $observer, 'cache.app');
        $adapter->setLogger($this->logger = new RecordingLogger());
        return $adapter;
    }

    public function testTagsTheProxySideRefusesAreEncodedAndEntriesStayReadable(): void
    {
        $long = str_repeat('z', 8000);
        $tags = [...self::BAD, $long, 'post.1', 'post-2', 'a%20b'];
        $adapter = $this->adapter();
        $this->assertTrue($adapter->save($adapter->getItem('page')->set('html')->tag($tags)));
        $this->assertSame('html', $adapter->getItem('page')->get());
        $this->assertSame('html', $adapter->get('page', static fn () => 'never'));
        $this->assertSame('computed', $adapter->get('other', static function (ItemInterface $item) use ($tags) {
            $item->tag($tags);
            return 'computed';
        }));

        $expected = [...array_map(KeyCodec::encode(...), [...self::BAD, $long]), 'post.1', 'post-2', 'a%20b'];
        $this->assertSame(array_values(array_unique($expected)), array_values($this->tagger->getTags()));
        $this->assertSame(array_values(array_unique($expected)), ProxyTags::map($tags), 'clear listeners get the same tags');
        $this->assertSame('a%20b', ProxyTags::of('a b'));
        $this->assertSame('post.1', ProxyTags::of('post.1'), 'a tag the tagger accepts goes unchanged');
        $this->assertLessThanOrEqual(250, \strlen(ProxyTags::of($long)));
        $this->assertSame([], $this->logger->records);

        // the invalidation reaches every one of those tags
        $this->assertTrue($adapter->invalidateTags(['a b']));
        $this->assertFalse($adapter->getItem('page')->isHit());
    }

    public function testDeferredItemsWithSuchTagsAreAllCommitted(): void
    {
        $adapter = $this->adapter();
        $this->assertTrue($adapter->saveDeferred($adapter->getItem('one')->set(1)->tag(['a b'])));
        $this->assertTrue($adapter->saveDeferred($adapter->getItem('two')->set(2)->tag(['plain'])));
        $this->assertFalse($adapter->getItem('unrelated')->isHit());
        $this->assertSame(1, $adapter->getItem('one')->get());
        $this->assertSame(2, $adapter->getItem('two')->get());
        $this->assertSame(['a%20b', 'plain'], array_values($this->tagger->getTags()));
    }

    public function testAnObserverFailureIsLoggedNotThrown(): void
    {
        // a 64-byte header line cannot hold a 250-byte tag: the tagger throws, naming the rule
        $adapter = $this->adapter(new ResponseTagger(['headerLength' => 64]));
        $tag = str_repeat('t', 100);
        $this->assertTrue($adapter->save($adapter->getItem('k')->set('v')->tag([$tag])));
        $this->assertSame('v', $adapter->getItem('k')->get());
        $this->assertSame('v', $adapter->get('k', static fn () => 'never'));
        $this->assertCount(3, $this->logger->records);
        $record = $this->logger->records[0];
        $this->assertSame('error', $record['level']);
        $this->assertSame([$tag], $record['context']['tags']);
        $this->assertStringContainsString('cannot fit in one X-Cache-Tags header line', $record['context']['message']);
    }

    public function testOutsideAMainRequestTheTaggerIsNotFed(): void
    {
        $adapter = $this->adapter();
        $this->requests->pop();
        for ($i = 0; $i < 50; ++$i) {
            $adapter->get("job-$i", static function (ItemInterface $item) use ($i) {
                $item->tag(["job-$i"]);
                return $i;
            });
        }
        $this->assertSame([], $this->tagger->getTags(), 'a console loop does not grow the tagger');
        $this->requests->push(Request::create('/'));
        $adapter->get('job-1', static fn () => 'never');
        $this->assertSame(['job-1'], array_values($this->tagger->getTags()));
    }
}
