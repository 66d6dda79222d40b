--TEST--
EventDispatcher: priorities (higher first, ties in order added), subscribers, stop-propagation, remove, has/get
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\{Event, EventDispatcher, EventSubscriberInterface};

$d = new EventDispatcher();
$log = [];
$d->addListener('e', function () use (&$log) { $log[] = 'p0-a'; });
$d->addListener('e', function () use (&$log) { $log[] = 'p10'; }, 10);
$d->addListener('e', function () use (&$log) { $log[] = 'p0-b'; });
$d->addListener('e', function () use (&$log) { $log[] = 'p-5'; }, -5);
$d->dispatch(new Event(), 'e');
echo implode(' ', $log), "\n";

class Sub implements EventSubscriberInterface
{
    public array $seen = [];
    public static function getSubscribedEvents(): array
    {
        return ['one' => 'onOne', 'two' => ['onTwo', 100], 'three' => [['first', 5], ['second']]];
    }
    public function onOne(Event $e, string $name, EventDispatcher $d) { $this->seen[] = "one:$name:" . ($d instanceof EventDispatcher ? 'd' : '?'); }
    public function onTwo() { $this->seen[] = 'two'; }
    public function first() { $this->seen[] = 'three-first'; }
    public function second() { $this->seen[] = 'three-second'; }
}
$sub = new Sub();
$d->addSubscriber($sub);
$d->addListener('two', function () use ($sub) { $sub->seen[] = 'two-closure'; }, 0);
foreach (['one', 'two', 'three'] as $name) {
    $d->dispatch(new Event(), $name);
}
echo implode(' ', $sub->seen), "\n";

// stop-propagation
$d2 = new EventDispatcher();
$d2->addListener('s', function (Event $e) { echo "stopper\n"; $e->stopPropagation(); }, 1);
$d2->addListener('s', function () { echo "never\n"; });
$ev = $d2->dispatch(new Event(), 's');
var_dump($ev->isPropagationStopped());

// an event of another class: its own isPropagationStopped() is honoured; default name is its class
class MyEvent { public bool $stop = true; public function isPropagationStopped(): bool { return $this->stop; } }
$d2->addListener(MyEvent::class, function () { echo "never either\n"; });
$returned = $d2->dispatch($e = new MyEvent());
var_dump($returned === $e);
$e->stop = false;
$d2->dispatch($e);

// remove, has, get
$cb = function () { echo "removable\n"; };
$d2->addListener('r', $cb);
var_dump($d2->hasListeners('r'), count($d2->getListeners('r')));
$d2->removeListener('r', $cb);
var_dump($d2->hasListeners('r'), $d2->getListeners('r'), array_keys($d2->getListeners()));
$d2->dispatch(new Event(), 'r');

// bad subscriptions are named
class BadSub implements EventSubscriberInterface {
    public static function getSubscribedEvents(): array { return ['x' => 'missing']; }
}
try {
    $d2->addSubscriber(new BadSub());
} catch (TagCache\InvalidArgumentException $ex) {
    echo $ex->getMessage(), "\n";
}
try {
    $d2->addListener('x', 'no_such_function');
} catch (TypeError $ex) {
    echo get_class($ex), "\n";
}
// an exception in a listener stops the dispatch and passes through
$d3 = new EventDispatcher();
$d3->addListener('t', function () { throw new RuntimeException('listener failed'); });
$d3->addListener('t', function () { echo "not reached\n"; }, -1);
try {
    $d3->dispatch(new Event(), 't');
} catch (RuntimeException $ex) {
    echo $ex->getMessage(), "\n";
}
?>
--EXPECT--
p10 p0-a p0-b p-5
one:one:d two two-closure three-first three-second
stopper
bool(true)
bool(true)
never either
bool(true)
int(1)
bool(false)
array(0) {
}
array(2) {
  [0]=>
  string(1) "s"
  [1]=>
  string(7) "MyEvent"
}
BadSub subscribes missing() to "x", but has no such public method
TypeError
listener failed
