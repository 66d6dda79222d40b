<?php
/*
 * Every command: the class and method that run it, its arguments and options, and its help
 * text. The argument parser and --help read this table, so a command is declared once.
 */
declare(strict_types=1);

namespace TagCache\Cli;

final class CommandList
{
    /** Options every command takes: name => takes a value. */
    public const GLOBAL_OPTIONS = ['config' => true, 'json' => false, 'quiet' => false, 'progress' => false, 'help' => false];

    /**
     * name => [class, method, usage, summary, options (name => [takes a value, help]),
     * minimum and maximum positional arguments (null: no maximum), needs a configuration].
     */
    public const COMMANDS = [
        'caches' => [CacheCommands::class, 'caches', 'caches',
            'List the caches: frontend, backend, persistent flag, entries and bytes where the backend can tell.',
            [], 0, 0, true],
        'show' => [CacheCommands::class, 'show', 'show <cache> <id>',
            'Show one entry: a summary of its value, its tags and expiry where the backend can tell.',
            [], 2, 2, true],
        'flush' => [CacheCommands::class, 'flush', 'flush [--persistent] [--bus]',
            'Flush every cache (persistent caches only with --persistent).',
            ['persistent' => [false, 'flush persistent caches too'],
             'bus' => [false, 'publish the flush to the bus instead of flushing here']], 0, 0, true],
        'flush-cache' => [CacheCommands::class, 'flushCache', 'flush-cache <cache> [--bus]',
            'Flush one cache.',
            ['bus' => [false, 'publish the flush to the bus instead of flushing here']], 1, 1, true],
        'flush-tags' => [CacheCommands::class, 'flushTags', 'flush-tags <tag>... [--cache <cache>] [--persistent] [--bus]',
            'Remove the entries carrying any of the tags, from every cache or from one.',
            ['cache' => [true, 'only this cache'],
             'persistent' => [false, 'persistent caches too (without --cache)'],
             'bus' => [false, 'publish to the bus instead (every node; its proxies purge the tags too)']], 1, null, true],
        'remove' => [CacheCommands::class, 'remove', 'remove <cache> <id> [--bus]',
            'Remove one entry.',
            ['bus' => [false, 'publish the removal to the bus instead of removing here']], 2, 2, true],
        'gc' => [CacheCommands::class, 'gc', 'gc',
            'Collect garbage (expired entries) in every cache.', [], 0, 0, true],
        'warmup' => [CacheCommands::class, 'warmup', 'warmup [<warmer>...]',
            'Run the warmers of the configuration (all, or those named).', [], 0, null, true],
        'purge-tags' => [ProxyCommands::class, 'purgeTags', 'purge-tags <tag>... [--bus]',
            'Invalidate the pages carrying any of the tags on every proxy.',
            ['bus' => [false, 'publish to the bus: each node with proxies purges them, failed purges wait in outboxes']], 1, null, true],
        'purge-urls' => [ProxyCommands::class, 'purgeUrls', 'purge-urls <url>... [--bus]',
            'PURGE each URL on every proxy.',
            ['bus' => [false, 'publish to the bus instead of purging from here']], 1, null, true],
        'bus:worker' => [BusCommands::class, 'worker', 'bus:worker [--timeout <seconds>]',
            'Run this node\'s bus worker: apply every published clear to the local caches and proxies until SIGTERM / SIGINT (or --timeout), reconnecting after Redis failures, and publish the clears kept in the bus\'s keepDirectory.',
            ['timeout' => [true, 'stop after this many seconds (default: run until a signal)']], 0, 0, true],
        'bus:status' => [BusCommands::class, 'status', 'bus:status',
            'Show the bus: stream length, lag per node, outbox backlog per proxy, clears kept locally.',
            [], 0, 0, true],
        'bus:publish-kept' => [BusCommands::class, 'publishKept', 'bus:publish-kept',
            'Publish the clears kept in the bus\'s keepDirectory while Redis was unreachable (onFailure "keep"), oldest first. bus:worker does this too.',
            [], 0, 0, true],
        'fpm:opcache-reset' => [FpmCommands::class, 'opcacheReset', 'fpm:opcache-reset [--socket <address>]',
            'Reset the OPcache of a php-fpm pool, through its FastCGI socket.',
            ['socket' => [true, 'the pool\'s socket (unix path or host:port; default: the configuration\'s fpm.socket)']], 0, 0, false],
        'fpm:status' => [FpmCommands::class, 'status', 'fpm:status [--socket <address>]',
            'Show a php-fpm pool\'s tagcache shared-memory caches and its OPcache status.',
            ['socket' => [true, 'the pool\'s socket (default: the configuration\'s fpm.socket)']], 0, 0, false],
        'fpm:clear' => [FpmCommands::class, 'clear', 'fpm:clear [--socket <address>]',
            'Flush a php-fpm pool\'s tagcache shared-memory caches (those of the configuration).',
            ['socket' => [true, 'the pool\'s socket (default: the configuration\'s fpm.socket)']], 0, 0, false],
    ];

    /** The list `tagcache --help` prints. */
    public static function overview(): string
    {
        $out = "Usage: tagcache [--config FILE] [--json] [--quiet] [--progress] <command> [arguments]\n\n"
            . "Commands:\n";
        foreach (self::COMMANDS as $name => $def) {
            $out .= sprintf("  %-18s %s\n", $name, $def[3]);
        }
        return $out . "\n" . self::globalHelp()
            . "\n`tagcache <command> --help` describes a command. Exit codes: 0 success, 1 failed,\n"
            . "2 usage or configuration error, 3 partly done.\n";
    }

    public static function help(string $name): string
    {
        $def = self::COMMANDS[$name];
        $out = "Usage: tagcache {$def[2]}\n\n" . wordwrap($def[3], 90) . "\n";
        if ($def[4]) {
            $out .= "\nOptions:\n";
            foreach ($def[4] as $opt => [$value, $help]) {
                $out .= sprintf("  %-20s %s\n", '--' . $opt . ($value ? ' <value>' : ''), $help);
            }
        }
        return $out . "\n" . self::globalHelp();
    }

    private static function globalHelp(): string
    {
        return "Global options:\n"
            . "  --config FILE        the configuration (default: \$TAGCACHE_CONFIG)\n"
            . "  --json               print one JSON document on stdout (errors too)\n"
            . "  --quiet              print nothing on success\n"
            . "  --progress           a progress line on stderr even when it is not a terminal\n"
            . "  --help, -h           this help\n";
    }
}
