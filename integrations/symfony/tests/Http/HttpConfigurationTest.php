<?php
// Every key of `tagcache.http`: a real kernel boots with it and builds the extension's objects
// from it (the extension refuses unknown or out-of-range options, so a wrong mapping fails
// here), and the value reaches the option it names. Bad values stop the boot with an error that
// names the value.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

use PHPUnit\Framework\Attributes\DataProvider;
use Symfony\Component\Config\Definition\Exception\InvalidConfigurationException;
use Symfony\Component\Config\Definition\Processor;
use Symfony\Component\DependencyInjection\ContainerBuilder;
use Symfony\Component\DependencyInjection\Exception\ServiceNotFoundException;
use Symfony\Component\DependencyInjection\ContainerInterface;
use TagCache\Backend\TransientMemoryBackend;
use TagCache\Http\EventDispatcher;
use TagCache\Http\Purger;
use TagCache\Http\ResponseTagger;
use TagCache\Http\VarnishClient;
use TagCache\Symfony\Cache\CacheObserver;
use TagCache\Symfony\DependencyInjection\Configuration;
use TagCache\Symfony\DependencyInjection\HttpSection;
use TagCache\Symfony\Http\ResponseTaggingObserver;

final class HttpConfigurationTest extends KernelCase
{
    private const PROXY = ['proxies' => '127.0.0.1:6081', 'second_send_delay' => 0];

    public function testDisabledByDefaultRegistersNothing(): void
    {
        $kernel = $this->boot(null);
        self::assertNull(self::service($kernel, 'tagcache.http.purger'));
        self::assertNull(self::service($kernel, 'tagcache.cache_observer'));
        self::assertFalse((new Processor())->processConfiguration(new Configuration(), [[]])['http']['enabled']);
        // like FrameworkBundle's sections: naming `http` at all turns it on
        self::assertTrue(self::process([])['enabled']);
        self::assertFalse(self::process(['enabled' => false, 'proxies' => 'v:1'])['enabled']);
    }

    public function testEnabledWithoutProxiesTagsButDoesNotPurge(): void
    {
        $kernel = $this->boot(['enabled' => true]);
        self::assertInstanceOf(ResponseTagger::class, self::service($kernel, 'tagcache.http.response_tagger'));
        self::assertInstanceOf(ResponseTaggingObserver::class, self::service($kernel, 'tagcache.cache_observer'));
        self::assertNull(self::service($kernel, 'tagcache.http.purger'));
        self::assertNull(self::service($kernel, 'tagcache.http.purge_listener'));
    }

    public function testServicesAndAutowiringAliases(): void
    {
        $kernel = $this->boot(self::PROXY);
        foreach ([
            'tagcache.http.varnish_client' => VarnishClient::class,
            'tagcache.http.purger' => Purger::class,
            'tagcache.http.response_tagger' => ResponseTagger::class,
            'tagcache.http.event_dispatcher' => EventDispatcher::class,
            'tagcache.cache_observer' => CacheObserver::class,
        ] as $id => $class) {
            $service = self::service($kernel, $id);
            self::assertInstanceOf($class, $service, $id);
            self::assertSame($service, self::service($kernel, $class), "alias $class");
        }
        $purger = self::service($kernel, Purger::class);
        self::assertSame(self::service($kernel, VarnishClient::class), $purger->getClient());
        self::assertSame(self::service($kernel, EventDispatcher::class), $purger->getDispatcher());
    }

    /** @return iterable<string, array{array<string, mixed>, callable(ContainerBuilder): mixed, mixed}> */
    public static function keys(): iterable
    {
        $client = static fn(int $i, ?string $option = null) => static function (ContainerBuilder $c) use ($i, $option) {
            $arg = $c->getDefinition('tagcache.http.varnish_client')->getArgument($i);
            return $option === null ? $arg : $arg[$option] ?? null;
        };
        $tagger = static fn(string $option) => static fn(ContainerBuilder $c) => $c->getDefinition('tagcache.http.response_tagger')->getArgument(0)[$option] ?? null;
        $has = static fn(string $id) => static fn(ContainerBuilder $c) => $c->hasDefinition($id);

        yield 'enabled' => [['enabled' => true], $has('tagcache.http.response_tagger'), true];
        yield 'proxies as one string' => [['proxies' => '10.0.0.5:6081'], $client(0), ['10.0.0.5:6081']];
        yield 'proxies in every shape' => [['proxies' => ['varnish', 'http://cache.local:8080', '[::1]:6081', ['host' => '::1', 'port' => 6082], ['host' => 'v2']]],
            $client(0), ['varnish:80', 'cache.local:8080', '[::1]:6081', '[::1]:6082', 'v2:80']];
        yield 'host' => [['host' => 'www.example.test'], $client(1, 'host'), 'www.example.test'];
        yield 'tag_mode' => [['tag_mode' => 'xkey'], $client(1, 'tagMode'), 'xkey'];
        yield 'soft_purge' => [['tag_mode' => 'xkey', 'soft_purge' => true], $client(1, 'softPurge'), true];
        yield 'headers.tags (client)' => [['headers' => ['tags' => 'X-Tags']], $client(1, 'tagsHeader'), 'X-Tags'];
        yield 'headers.tags (tagger)' => [['headers' => ['tags' => 'X-Tags']], $tagger('headerName'), 'X-Tags'];
        yield 'headers.stale' => [['headers' => ['stale' => 'X-Old']], $tagger('staleHeader'), 'X-Old'];
        yield 'headers.length' => [['headers' => ['length' => 4000]], static fn(ContainerBuilder $c) => [
            $c->getDefinition('tagcache.http.varnish_client')->getArgument(1)['headerLength'],
            $c->getDefinition('tagcache.http.response_tagger')->getArgument(0)['headerLength']], [4000, 4000]];
        yield 'connect_timeout' => [['connect_timeout' => 0.25], $client(1, 'connectTimeout'), 0.25];
        yield 'timeout' => [['timeout' => 2.5], $client(1, 'timeout'), 2.5];
        yield 'max_connections' => [['max_connections' => 8], $client(1, 'maxConnections'), 8];
        yield 'second_send_delay' => [['second_send_delay' => 0.5], $client(1, 'secondSendDelay'), 0.5];
        yield 'keep_failed' => [['keep_failed' => false], static fn(ContainerBuilder $c) => $c->getDefinition('tagcache.http.purger')->getArgument(2), ['keepFailed' => false]];
        yield 'response_tagging' => [['response_tagging' => false], $has('tagcache.http.response_listener'), false];
        yield 'purge_on_terminate' => [['purge_on_terminate' => false], $has('tagcache.http.purge_listener'), false];
        yield 'guard' => [['guard' => 'test.guard'], static fn(ContainerBuilder $c) => (string)$tagger('guard')($c), 'test.guard'];
        yield 'logger' => [['logger' => 'test.logger'], static fn(ContainerBuilder $c) => (string)$c->getDefinition('tagcache.http.purge_listener')->getArgument(3), 'test.logger'];
        yield 'logger null' => [['logger' => null], static fn(ContainerBuilder $c) => $c->getDefinition('tagcache.http.purge_listener')->getArgument(3), null];
        yield 'logger default: `logger` when there is one' => [[], static function (ContainerBuilder $c): array {
            $ref = $c->getDefinition('tagcache.http.purge_listener')->getArgument(3);
            return [(string)$ref, $ref->getInvalidBehavior()];
        }, ['logger', ContainerInterface::NULL_ON_INVALID_REFERENCE]];
        yield 'logger named: must exist' => [['logger' => 'app.logger'], static fn(ContainerBuilder $c) => $c->getDefinition('tagcache.http.purge_listener')->getArgument(3)->getInvalidBehavior(),
            ContainerInterface::EXCEPTION_ON_INVALID_REFERENCE];
    }

    /** The real kernel with every key of `tagcache.http` set to a value other than its default. */
    public function testKernelBootsWithEveryKey(): void
    {
        $all = [
            'enabled' => true,
            'proxies' => ['127.0.0.1:6081', ['host' => '::1', 'port' => 6082]],
            'host' => 'www.example.test',
            'tag_mode' => 'xkey',
            'soft_purge' => true,
            'headers' => ['tags' => 'X-Tags', 'stale' => 'X-Old', 'length' => 4000],
            'connect_timeout' => 0.25,
            'timeout' => 2.5,
            'max_connections' => 8,
            'second_send_delay' => 0,
            'keep_failed' => false,
            'response_tagging' => false,
            'purge_on_terminate' => false,
            'guard' => 'test.guard',
            'logger' => 'test.logger',
        ];
        $missing = array_diff(array_keys(self::process([])), array_keys($all));
        self::assertSame([], array_values($missing), 'keys this test does not set');
        $kernel = $this->boot($all, [], [self::guard(...)]);
        // the extension builds its objects from the options: an option it does not know, or a
        // value out of its range, throws here
        self::assertInstanceOf(ResponseTagger::class, self::service($kernel, 'tagcache.http.response_tagger'));
        self::assertInstanceOf(Purger::class, self::service($kernel, 'tagcache.http.purger'));
        self::assertNull(self::service($kernel, 'tagcache.http.response_listener'));
        self::assertNull(self::service($kernel, 'tagcache.http.purge_listener'));
    }

    /** Each key reaches the option it names. */
    #[DataProvider('keys')]
    public function testKey(array $http, callable $read, mixed $expected): void
    {
        $container = new ContainerBuilder();
        HttpSection::load(self::process($http + ['proxies' => '127.0.0.1:6081']), $container);
        self::assertSame($expected, $read($container));
    }

    public static function guard(ContainerBuilder $container): void
    {
        $container->register('test.guard', TransientMemoryBackend::class)->setArguments([[]])->setPublic(true);
    }

    /** @return iterable<string, array{array<string, mixed>, string}> */
    public static function badValues(): iterable
    {
        yield 'host with a blank' => [['proxies' => 'bad host:6081'], '"bad host"'];
        yield 'host with a slash' => [['proxies' => [['host' => 'a/b', 'port' => 80]]], '"a\/b"'];
        yield 'port too large' => [['proxies' => '127.0.0.1:70000'], '70000'];
        yield 'port zero' => [['proxies' => [['host' => 'v', 'port' => 0]]], 'Proxy port 0'];
        yield 'port not a number' => [['proxies' => [['host' => 'v', 'port' => 'http']]], '"http"'];
        yield 'port not a number in a string' => [['proxies' => 'v:80x'], '"v:80x"'];
        yield 'Host header with a line break' => [['host' => "www.example.test\r\nX-Evil: 1"], 'www.example.test'];
        yield 'tag mode' => [['tag_mode' => 'purge'], '"purge"'];
        yield 'header name' => [['headers' => ['tags' => "X-Tags\r\nX-Evil: 1"]], 'X-Tags'];
        yield 'header length' => [['headers' => ['length' => 10]], '10'];
        yield 'max connections' => [['max_connections' => 0], '0'];
        yield 'negative delay' => [['second_send_delay' => -1], '-1'];
        yield 'unknown key' => [['tagmode' => 'ban'], 'tagmode'];
        yield 'stale header is the tag header' => [['headers' => ['tags' => 'X-Tags', 'stale' => 'x-tags']], 'tagcache.http.headers.stale "x-tags" is the same header as tagcache.http.headers.tags "X-Tags"'];
    }

    #[DataProvider('badValues')]
    public function testBadValueStopsTheBoot(array $http, string $named): void
    {
        try {
            $this->boot($http + ['proxies' => '127.0.0.1:6081']);
        } catch (InvalidConfigurationException $e) {
            self::assertStringContainsString($named, $e->getMessage());
            self::assertStringContainsString('tagcache.http', $e->getMessage());
            return;
        }
        self::fail('the kernel booted with ' . json_encode($http));
    }

    public function testAnExplicitlyNamedLoggerThatDoesNotExistStopsTheBoot(): void
    {
        try {
            $this->boot(['proxies' => '127.0.0.1:6081', 'logger' => 'nope.logger']);
        } catch (ServiceNotFoundException $e) {
            self::assertStringContainsString('nope.logger', $e->getMessage());
            return;
        }
        self::fail('the kernel booted with a logger that does not exist');
    }

    private static function process(array $http): array
    {
        return (new Processor())->processConfiguration(new Configuration(), [['http' => $http]])['http'];
    }
}
