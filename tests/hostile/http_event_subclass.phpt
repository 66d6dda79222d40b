--TEST--
EventDispatcher: an Event subclass that overrides isPropagationStopped() is asked (the native flag is read directly only for Event's own method); one that throws from it stops the dispatch with its exception
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\{Event, EventDispatcher};

class StopAfterOne extends Event
{
    public int $runs = 0;
    public function isPropagationStopped(): bool { return $this->runs >= 1 || parent::isPropagationStopped(); }
}
class Broken extends Event
{
    public function isPropagationStopped(): bool { throw new LogicException('broken event'); }
}
$d = new EventDispatcher();
$d->addListener('e', function (Event $e) { echo "first\n"; if ($e instanceof StopAfterOne) { $e->runs++; } });
$d->addListener('e', function () { echo "second\n"; });
$d->dispatch(new StopAfterOne(), 'e');
$d->dispatch(new Event(), 'e');
$stopped = new Event();
$stopped->stopPropagation();
$d->dispatch($stopped, 'e');
try {
    $d->dispatch(new Broken(), 'e');
} catch (LogicException $ex) {
    echo $ex->getMessage(), "\n";
}
?>
--EXPECT--
first
first
second
broken event
