<?php
// The web profiler's tagcache panel: with the profiler on, each request's profile holds the
// cache reads, hits, misses, the response's tags, the content changes and the purge outcome
// (collected after the terminate flush), and the template renders them.

declare(strict_types=1);

namespace TagCache\Symfony\Tests\Http;

use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpKernel\Profiler\Profiler;
use TagCache\Symfony\DataCollector\TagCacheDataCollector;
use Twig\Environment;
use Twig\Loader\ArrayLoader;
use Twig\Loader\ChainLoader;
use Twig\Loader\FilesystemLoader;

final class DataCollectorTest extends KernelCase
{
    public function testProfilesOfAPageAndOfAContentChange(): void
    {
        $port = self::freePort();
        $kernel = $this->boot(['proxies' => "127.0.0.1:$port", 'connect_timeout' => 0.5, 'second_send_delay' => 0, 'logger' => 'test.logger'],
            ['profiler' => ['enabled' => true, 'collect' => true]]);
        $profiler = self::service($kernel, 'profiler');
        self::assertInstanceOf(Profiler::class, $profiler);

        $page = self::handle($kernel, Request::create('/page/a?tags=post-1,blog'));
        $collector = $profiler->loadProfileFromResponse($page)->getCollector(TagCacheDataCollector::NAME);
        self::assertInstanceOf(TagCacheDataCollector::class, $collector);
        self::assertSame([3, 2, 1], [$collector->getReads(), $collector->getHits(), $collector->getMisses()]);
        self::assertSame(['post-1', 'blog'], $collector->getResponseTags());
        self::assertSame(0, $collector->getPurgesQueued());
        self::assertSame(["127.0.0.1:$port"], $collector->getProxies());

        $edit = self::handle($kernel, Request::create('/edit/5', 'POST'));
        $collector = $profiler->loadProfileFromResponse($edit)->getCollector(TagCacheDataCollector::NAME);
        self::assertSame(0, $collector->getReads());
        self::assertSame([['tags' => ['post-5'], 'locations' => []]], $collector->getContentChanges());
        self::assertSame(1, $collector->getPurgesQueued());
        $failures = $collector->getPurgeFailures();
        self::assertCount(1, $failures);
        self::assertSame('unreachable', $failures[0]['kind']);

        $html = self::render($collector);
        self::assertStringContainsString('post-5', $html['panel']);
        self::assertStringContainsString('unreachable', $html['panel']);
        self::assertStringContainsString("127.0.0.1:$port", $html['panel']);
        self::assertStringContainsString('sf-toolbar-status-red', $html['toolbar']);
    }

    /**
     * The panel and toolbar blocks of the collector's template, rendered by Twig. The web
     * profiler's layout and toolbar item are replaced by stand-ins that print the blocks
     * (the real ones need the whole profiler bundle).
     *
     * @return array{panel: string, toolbar: string}
     */
    private static function render(TagCacheDataCollector $collector): array
    {
        $views = \dirname(__DIR__, 2) . '/src/Resources/views';
        $files = new FilesystemLoader();
        $files->addPath($views, 'TagCache');
        $stubs = new ArrayLoader([
            '@WebProfiler/Profiler/layout.html.twig' => '{% block toolbar %}{% endblock %}|{% block menu %}{% endblock %}|{% block panel %}{% endblock %}',
            '@WebProfiler/Profiler/toolbar_item.html.twig' => '{{ icon }}{{ text }}{{ status }}',
        ]);
        $twig = new Environment(new ChainLoader([$stubs, $files]), ['strict_variables' => true, 'autoescape' => 'html']);
        $template = $twig->load('@TagCache/Collector/tagcache.html.twig');
        $context = ['collector' => $collector, 'profiler_url' => '/_profiler/x'];
        return [
            'panel' => $template->renderBlock('panel', $context),
            'toolbar' => $template->renderBlock('toolbar', $context),
        ];
    }
}
