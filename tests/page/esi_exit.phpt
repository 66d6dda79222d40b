--TEST--
EsiProcessor: exit() and a fatal error inside the render callback end the script cleanly
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Page\EsiProcessor;
use TagCache\Frontend\StringFrontend;
use TagCache\Backend\TransientMemoryBackend;

register_shutdown_function(function () {
    echo "shutdown\n";
    $esi = new EsiProcessor();
    // Still usable in shutdown; now a fatal error (memory limit) inside the callback.
    ini_set('memory_limit', '8M');
    $esi->process(EsiProcessor::include('/fatal') . EsiProcessor::include('/never'), function (string $src) {
        echo "render $src\n";
        $a = [];
        while (true) { $a[] = str_repeat('x', 100000); }
    });
});
$esi = new EsiProcessor(new StringFrontend('fragments', new TransientMemoryBackend()));
echo $esi->process('a' . EsiProcessor::include('/exit') . EsiProcessor::include('/never'), function (string $src) {
    echo "render $src\n";
    exit(0);
});
echo "not reached\n";
?>
--EXPECTF--
render /exit
shutdown
render /fatal

Fatal error: Allowed memory size of %d bytes exhausted%a
