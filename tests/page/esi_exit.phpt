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
    // Still usable in shutdown; now a fatal error inside the callback.
    $esi->process(EsiProcessor::include('/fatal') . EsiProcessor::include('/never'), function (string $src) {
        echo "render $src\n";
        trigger_error("fatal in $src", E_USER_ERROR);
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

Fatal error: fatal in /fatal in %s on line %d
