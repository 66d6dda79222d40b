--TEST--
Hostile userland, HTTP classes: clone, serialize, crafted unserialize(), Reflection, subclasses without or with a failing parent constructor, every method with plausible and edge arguments, reference cycles; only returns and Throwables
--EXTENSIONS--
tagcache
--INI--
zend.exception_ignore_args=1
--FILE--
<?php
require __DIR__ . '/hostile.inc';
use TagCache\Http\{Event, ContentCacheClearEvent, EventDispatcher, OwnLocationsListener, ParentLocationsListener,
    RelatedLocationsListener, ReverseRelatedLocationsListener, AbstractRelationListener, Purger, VarnishClient,
    ResponseTagger, PurgeException};

// a loopback port nothing listens on: flush() fails fast with "unreachable", no traffic leaves the host
$probe = stream_socket_server('tcp://127.0.0.1:0');
$proxy = stream_socket_get_name($probe, false);
fclose($probe);
$client = fn() => new VarnishClient([$proxy], ['secondSendDelay' => 0, 'connectTimeout' => 0.5, 'timeout' => 1.0]);

$lookup = fn($content) => ['loc-1', 7];
$specs = [
    Event::class => ['make' => fn() => new Event()],
    ContentCacheClearEvent::class => [
        'make' => function () { $e = new ContentCacheClearEvent(['id' => 5]); $e->addLocationToClear(5); $e->addTagToClear('t'); return $e; },
        'ctor' => ['content'],
        'cycle' => function ($e) { $e->setContent(['self' => $e, 'dispatcher' => $d = new EventDispatcher()]); $d->addListener('x', fn() => $e); },
    ],
    EventDispatcher::class => [
        'make' => fn() => new EventDispatcher(),
        'args' => ['dispatch' => [new ContentCacheClearEvent('c'), 'h1'], 'addSubscriber' => [new OwnLocationsListener($lookup)]],
        'cycle' => function ($d) {
            $d->addSubscriber(new ParentLocationsListener(fn($c) => $d->hasListeners() ? ['p'] : []));
            $d->dispatch(new ContentCacheClearEvent($d), ContentCacheClearEvent::NAME);
        },
    ],
    AbstractRelationListener::class => ['ctor' => [$lookup], 'badCtor' => ['no_such_function']],
    OwnLocationsListener::class => [
        'make' => fn() => new OwnLocationsListener($lookup), 'ctor' => [$lookup], 'badCtor' => ['no_such_function'],
        'cycle' => function ($l) { $d = new EventDispatcher(); $d->addSubscriber($l); $l->__construct(fn() => [$d, $l] ? [] : []); },
    ],
    ParentLocationsListener::class => ['make' => fn() => new ParentLocationsListener(fn() => new ArrayIterator([5, 'x'])), 'badCtor' => [42]],
    RelatedLocationsListener::class => ['make' => fn() => new RelatedLocationsListener(fn() => ['bad' => []]), 'badCtor' => [null]],
    ReverseRelatedLocationsListener::class => ['make' => fn() => new ReverseRelatedLocationsListener(fn() => throw new LogicException('lookup')), 'badCtor' => ['']],
    Purger::class => [
        'make' => fn() => new Purger($client(), null, ['keepFailed' => true]),
        'ctor' => [$client(), new EventDispatcher()],
        'badCtor' => [$client(), null, ['keepFailed' => 'yes']],
        'cycle' => function ($p) {
            $p->getDispatcher()->addListener(ContentCacheClearEvent::NAME, function ($e) use ($p) { $e->addTagToClear('t'); $e->setContent($p); });
            $p->purgeForContent($p);
        },
    ],
    VarnishClient::class => ['make' => $client, 'ctor' => [[$proxy]], 'badCtor' => [['not a proxy']]],
    ResponseTagger::class => [
        'make' => fn() => (new ResponseTagger(['headerLength' => 100]))->addTags(['a', 'b']),
        'ctor' => [['headerName' => 'X-Tags']],
        'badCtor' => [['headerLength' => 1]],
    ],
    PurgeException::class => ['make' => fn() => new PurgeException('failed'), 'ctor' => ['again'], 'badCtor' => [[]]],
];
$h = new Hostile($specs);
$h->run();
$h->randomWalk(60);
echo "done\n";
?>
--EXPECTF--
Event
  reconstruct: 4 returned, 0 threw
  clone:       cloned; 7 returned, 0 threw
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      9 returned, 0 threw
  cycles:      collected; 2 returned, 0 threw
ContentCacheClearEvent
  reconstruct: 19 returned, 6 threw (TC\InvalidArgumentException 6)
  clone:       cloned; 31 returned, 6 threw (TC\InvalidArgumentException 6)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      37 returned, 12 threw (TC\InvalidArgumentException 12)
  cycles:      collected; 13 returned, 0 threw
EventDispatcher
  reconstruct: 11 returned, 1 threw (RuntimeException 1)
  clone:       cloned; 18 returned, 1 threw (RuntimeException 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      final; 0 returned, 1 threw (ReflectionException 1)
  cycles:      collected; 7 returned, 0 threw
AbstractRelationListener
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      2 returned, 5 threw (Error 5)
  failedctor:  6 returned, 5 threw (Error 4, TypeError 1)
OwnLocationsListener
  reconstruct: 7 returned, 1 threw (TypeError 1)
  clone:       cloned; 10 returned, 0 threw
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      final; 0 returned, 1 threw (ReflectionException 1)
  failedctor:  final; 0 returned, 0 threw
  cycles:      collected; 4 returned, 0 threw
ParentLocationsListener
  reconstruct: 6 returned, 1 threw (TypeError 1)
  clone:       cloned; 10 returned, 0 threw
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      final; 0 returned, 1 threw (ReflectionException 1)
  failedctor:  final; 0 returned, 0 threw
  cycles:      collected; 3 returned, 0 threw
RelatedLocationsListener
  reconstruct: 2 returned, 5 threw (TC\InvalidArgumentException 4, TypeError 1)
  clone:       cloned; 4 returned, 6 threw (TC\InvalidArgumentException 6)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      final; 0 returned, 1 threw (ReflectionException 1)
  failedctor:  final; 0 returned, 0 threw
  cycles:      collected; 1 returned, 2 threw (TC\InvalidArgumentException 2)
ReverseRelatedLocationsListener
  reconstruct: 2 returned, 5 threw (LogicException 4, TypeError 1)
  clone:       cloned; 4 returned, 6 threw (LogicException 6)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      final; 0 returned, 1 threw (ReflectionException 1)
  failedctor:  final; 0 returned, 0 threw
  cycles:      collected; 1 returned, 2 threw (LogicException 2)
Purger
  reconstruct: 15 returned, 5 threw (TC\Http\PurgeException 2, TC\InvalidArgumentException 3)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      final; 0 returned, 1 threw (ReflectionException 1)
  failedctor:  final; 0 returned, 0 threw
  cycles:      collected; 9 returned, 1 threw (TC\Http\PurgeException 1)
VarnishClient
  reconstruct: 13 returned, 11 threw (Error 2, TC\Http\PurgeException 2, TC\InvalidArgumentException 7)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      final; 0 returned, 1 threw (ReflectionException 1)
  failedctor:  final; 0 returned, 0 threw
  cycles:      collected; 9 returned, 2 threw (TC\Http\PurgeException 1, TC\InvalidArgumentException 1)
ResponseTagger
  reconstruct: 20 returned, 2 threw (TC\InvalidArgumentException 2)
  clone:       cloned; 30 returned, 1 threw (TC\InvalidArgumentException 1)
  serialize:   refused; 0 returned, 1 threw (Exception 1)
  crafted:     0 returned, 3 threw (Exception 3)
  reflection:  0 properties; 0 returned, 0 threw
  noctor:      final; 0 returned, 1 threw (ReflectionException 1)
  failedctor:  final; 0 returned, 0 threw
  cycles:      collected; 10 returned, 0 threw
PurgeException
  reconstruct: 17 returned, 1 threw (TypeError 1)
  clone:       refused; 0 returned, 1 threw (Error 1)
  serialize:   round trip; 2 returned, 0 threw
  crafted:     80 returned, 107 threw (TypeError 107)
  reflection:  8 properties; 788 returned, 100 threw (Error 4, TypeError 96)
  noctor:      17 returned, 0 threw
  failedctor:  25 returned, 1 threw (TypeError 1)
  cycles:      collected; 8 returned, 0 threw
random walk: seed %d (replay with TAGCACHE_HOSTILE_SEED=%d)
random walk: 660 calls, each ended in a return or a Throwable
done
