<?php
// End to end through a real varnishd running the shipped VCL (integrations/varnish/, in the
// mode of the subclass: ban or xkey) in front of the TestKernel served by `php -S` with the same tagcache extension this test
// run loaded: a page built from tagged cache entries is cached by Varnish (the second request
// is a hit), a content change dispatched through the bundle's clear listeners purges it at
// kernel.terminate, and a page with other tags stays a hit. Servers are started on loopback
// ports the system picks, in a temporary folder, by the phpt suite's helpers
// (tests/varnish_helpers.inc), and stopped by their process group here.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

use PHPUnit\Framework\TestCase;

abstract class VarnishEndToEndCase extends TestCase
{
    /** The tag mode of the proxies and of the VCL: 'ban' or 'xkey'. */
    abstract protected static function mode(): string;

    private const HELPERS = __DIR__ . '/../../../../tests/varnish_helpers.inc';

    /** @var array{port: int, dir: string, group: array}|null */
    private static ?array $origin = null;
    /** @var array{port: int, group: array}|null */
    private static ?array $varnish = null;

    public static function setUpBeforeClass(): void
    {
        require_once self::HELPERS;
        if (tc_varnishd() === null) {
            return; // each test skips with the reason
        }
        $so = self::extensionFile();
        $dir = tc_varnish_subdir('symfony-origin');
        $group = tc_varnish_spawn([PHP_BINARY, '-d', "extension=$so", '-d', 'display_errors=stderr', '-S', '127.0.0.1:0', __DIR__ . '/App/front.php'],
            "$dir/origin.log", ['TAGCACHE_SF_STATE' => $dir]);
        $port = 0;
        $up = tc_varnish_poll(static function () use ($group, $dir, &$port): bool {
            if (!tc_varnish_alive($group)) {
                return true;
            }
            if (!$port && preg_match('#\(http://127\.0\.0\.1:(\d+)\) started#', (string)@file_get_contents("$dir/origin.log"), $m)) {
                $port = (int)$m[1];
            }
            return $port && (tc_raw_http($port, 'GET', '/ping', [], '', 1.0)['status'] ?? 0) === 200;
        }, 20);
        if (!$up || !tc_varnish_alive($group)) {
            self::stopServers();
            self::fail('the origin did not start: ' . @file_get_contents("$dir/origin.log"));
        }
        self::$origin = ['port' => $port, 'dir' => $dir, 'group' => $group];
        self::$varnish = tc_varnish_start(static::mode(), self::$origin);
        // cache.app is the tagcache pool and HTTP is on, by configuration alone
        file_put_contents("$dir/config.json", json_encode([
            'framework' => ['cache' => ['app' => 'tagcache.adapter.app']],
            'tagcache' => [
                'caches' => ['App' => ['backend' => 'FileBackend']],
                'pools' => ['app' => 'App'],
                'http' => [
                    'proxies' => ['127.0.0.1:' . self::$varnish['port']],
                    'tag_mode' => static::mode(),
                    'second_send_delay' => 0,
                    'connect_timeout' => 2.0,
                ],
            ],
        ]));
    }

    public static function tearDownAfterClass(): void
    {
        self::stopServers();
    }

    protected function setUp(): void
    {
        if (tc_varnishd() === null) {
            self::markTestSkipped('varnishd is not installed (Debian: apt-get install varnish)');
        }
    }

    public function testAContentChangePurgesItsPagesAndOnlyThem(): void
    {
        $v = self::$varnish;
        self::assertSame('MISS page a', tc_varnish_get($v, '/page/a?tags=post-1,blog-1'));
        self::assertSame('HIT page a', tc_varnish_get($v, '/page/a?tags=post-1,blog-1'));
        self::assertSame('MISS page b', tc_varnish_get($v, '/page/b?tags=post-2,blog-1'));
        self::assertSame('HIT page b', tc_varnish_get($v, '/page/b?tags=post-2,blog-1'));
        // Varnish stored the tags the bundle put on the response (shown to a debug client only)
        $cached = tc_raw_http($v['port'], 'GET', '/page/a?tags=post-1,blog-1', ['X-Tagcache-Debug' => '1']);
        self::assertSame('post-1,blog-1', tc_resp_header($cached, 'X-Cache-Tags'));
        self::assertNull(tc_resp_header(tc_raw_http($v['port'], 'GET', '/page/a?tags=post-1,blog-1'), 'X-Cache-Tags'));

        // the edit goes to the origin; its terminate sends the ban before the connection closes
        $edit = tc_raw_http(self::$origin['port'], 'POST', '/edit/1');
        self::assertSame(200, $edit['status']);
        self::assertSame('edited 1', $edit['body']);

        self::assertSame('MISS page a', tc_varnish_get($v, '/page/a?tags=post-1,blog-1'));
        self::assertSame('HIT page b', tc_varnish_get($v, '/page/b?tags=post-2,blog-1'));
        self::assertSame('HIT page a', tc_varnish_get($v, '/page/a?tags=post-1,blog-1'));
        self::assertStringNotContainsString('tagcache: invalidation', (string)file_get_contents(self::$origin['dir'] . '/origin.log'));
    }

    public function testAPageBuiltThroughCacheAppIsPurgedByAClearListener(): void
    {
        // /pool/<key> is built with cache.app->get(key, fn (ItemInterface $i) => $i->tag(...)):
        // the real adapter reports the tags to the real observer; "topic a" goes out encoded
        $v = self::$varnish;
        $news = '/pool/news?tags=post-2,topic%20a';
        $about = '/pool/about?tags=page-about';
        self::assertSame('MISS value of news', tc_varnish_get($v, $news));
        self::assertSame('HIT value of news', tc_varnish_get($v, $news));
        self::assertSame('MISS value of about', tc_varnish_get($v, $about));
        self::assertSame('post-2,topic%20a', tc_resp_header(tc_raw_http($v['port'], 'GET', $news, ['X-Tagcache-Debug' => '1']), 'X-Cache-Tags'));

        // the clear listener adds post-2 for the edit of post 2: Varnish bans the page
        self::assertSame(200, tc_raw_http(self::$origin['port'], 'POST', '/edit/2')['status']);
        self::assertSame('MISS value of news', tc_varnish_get($v, $news));
        self::assertSame('HIT value of about', tc_varnish_get($v, $about));
        self::assertStringNotContainsString('tagcache: invalidation', (string)file_get_contents(self::$origin['dir'] . '/origin.log'));
    }

    /** The tagcache extension this process runs with: $TAGCACHE_SO, else the file mapped into this process. */
    private static function extensionFile(): string
    {
        $so = (string)getenv('TAGCACHE_SO');
        if ($so === '') {
            preg_match('#\s(/\S*tagcache\S*\.so)$#m', (string)@file_get_contents('/proc/self/maps'), $m);
            $so = $m[1] ?? '';
        }
        if ($so === '' || !is_file($so)) {
            self::fail('cannot tell which tagcache.so this run loaded: set TAGCACHE_SO');
        }
        return $so;
    }

    /** Stops what setUpBeforeClass started, by process group, and removes the scratch folder. */
    private static function stopServers(): void
    {
        if (!isset($GLOBALS['tc_varnish_state'])) {
            return;
        }
        tc_varnish_stop_groups($GLOBALS['tc_varnish_state']['groups']);
        $GLOBALS['tc_varnish_state']['groups'] = [];
        exec('rm -rf ' . escapeshellarg($GLOBALS['tc_varnish_state']['dir']) . '/*');
        self::$origin = self::$varnish = null;
    }
}
