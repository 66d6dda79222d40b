--TEST--
tagcache command: --help for the command list and for every command; unknown command or option, missing value, wrong argument count and no command are usage errors (exit 2), as JSON too; without the extension it exits 2 naming it
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip slow under valgrind (about 25 child processes)');
if (!function_exists('proc_open')) die('skip proc_open is disabled');
?>
--FILE--
<?php
require __DIR__ . '/cli_helpers.inc';

$r = tc_cli(['--help']);
echo "--help: exit {$r['exit']}, lists ", preg_match_all('/^  (\S+) {2,}/m', explode("Global options:", $r['out'])[0], $m), " commands\n";
foreach (['caches', 'show', 'flush', 'flush-cache', 'flush-tags', 'remove', 'gc', 'warmup', 'purge-tags', 'purge-urls',
          'bus:worker', 'bus:status', 'bus:publish-kept', 'fpm:opcache-reset', 'fpm:status', 'fpm:clear'] as $command) {
    if (!in_array($command, $m[1], true)) {
        echo "missing from --help: $command\n";
    }
    // --help needs no configuration and no extension
    $h = tc_cli([$command, '--help'], [], false);
    if ($h['exit'] !== 0 || !str_starts_with($h['out'], "Usage: tagcache $command")) {
        echo "$command --help: exit {$h['exit']}: {$h['out']}{$h['err']}\n";
    }
}
$h = tc_cli(['-h', 'flush-tags']);
echo "-h flush-tags: exit {$h['exit']}, ", str_contains($h['out'], '--cache <value>') ? 'shows --cache' : 'no --cache', "\n";
$h = tc_cli(['flush', '--help', '--json']);
echo "flush --help --json: exit {$h['exit']}, help in JSON: ", str_contains($h['json']['help'] ?? '', '--persistent') ? 'yes' : 'no', "\n";

tc_cli_show('no command', tc_cli([]));
tc_cli_show('unknown command', tc_cli(['frobnicate']));
tc_cli_show('unknown option', tc_cli(['caches', '--colour']));
tc_cli_show('unknown short option', tc_cli(['caches', '-x']));
tc_cli_show('option of another command', tc_cli(['caches', '--persistent']));
tc_cli_show('flag with a value', tc_cli(['flush', '--persistent=yes']));
tc_cli_show('missing value', tc_cli(['flush-tags', 'a', '--cache']));
tc_cli_show('missing arguments', tc_cli(['show', 'pages']));
tc_cli_show('too many arguments', tc_cli(['gc', 'extra']));
tc_cli_show('no tags', tc_cli(['flush-tags']));
$r = tc_cli(['--json', 'frobnicate']);
echo "JSON error: exit {$r['exit']}, ", json_encode(['ok' => $r['json']['ok'], 'exit' => $r['json']['exit'], 'error' => $r['json']['error']]), ", stderr empty: ", var_export($r['err'] === '', true), "\n";
tc_cli_show('without the extension', tc_cli(['caches'], [], false));
?>
--EXPECTF--
--help: exit 0, lists 16 commands
-h flush-tags: exit 0, shows --cache
flush --help --json: exit 0, help in JSON: yes
no command: exit 2 | tagcache: no command given (tagcache --help lists the commands)
unknown command: exit 2 | tagcache: unknown command "frobnicate" (tagcache --help lists the commands)
unknown option: exit 2 | tagcache: unknown option "--colour" for command caches (tagcache caches --help lists its options)
unknown short option: exit 2 | tagcache: unknown option "-x" for command caches (tagcache caches --help lists its options)
option of another command: exit 2 | tagcache: unknown option "--persistent" for command caches (tagcache caches --help lists its options)
flag with a value: exit 2 | tagcache: option --persistent takes no value (got "yes")
missing value: exit 2 | tagcache: option --cache needs a value
missing arguments: exit 2 | tagcache: command show takes 2 arguments, got 1 (usage: tagcache show <cache> <id>)
too many arguments: exit 2 | tagcache: command gc takes no arguments, got 1 (usage: tagcache gc)
no tags: exit 2 | tagcache: command flush-tags takes at least 1 argument, got 0 (usage: tagcache flush-tags <tag>... [--cache <cache>] [--persistent] [--bus])
JSON error: exit 2, {"ok":false,"exit":2,"error":"unknown command \"frobnicate\" (tagcache --help lists the commands)"}, stderr empty: true
without the extension: exit 2 | tagcache: the tagcache extension is not loaded in this PHP (%s); enable it (extension=tagcache in php.ini, or php -d extension=tagcache)
