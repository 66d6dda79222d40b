<?php
/*
 * The parsed command line: the command, its positional arguments, and options, global ones
 * (anywhere on the line) and the command's own. "--name value", "--name=value", "-h" and "--"
 * (what follows is positional) are understood; anything else is a UsageError naming it.
 */
declare(strict_types=1);

namespace TagCache\Cli;

final class Arguments
{
    /** @param list<string> $positional @param array<string, string|true> $options */
    private function __construct(
        public readonly ?string $command,
        public readonly array $positional,
        public readonly array $options,
    ) {
    }

    /** @param list<string> $argv the arguments after the script's name */
    public static function parse(array $argv): self
    {
        $command = self::findCommand($argv);
        $known = CommandList::GLOBAL_OPTIONS;
        if ($command !== null) {
            if (!isset(CommandList::COMMANDS[$command])) {
                throw new UsageError("unknown command \"$command\" (tagcache --help lists the commands)");
            }
            foreach (CommandList::COMMANDS[$command][4] as $name => [$value]) {
                $known[$name] = $value;
            }
        }
        $positional = [];
        $options = [];
        $seenCommand = false;
        for ($i = 0, $n = count($argv); $i < $n; $i++) {
            $arg = $argv[$i];
            if ($arg === '--') {
                array_push($positional, ...array_slice($argv, $i + 1));
                break;
            }
            if ($arg === '-h') {
                $arg = '--help';
            }
            if (!str_starts_with($arg, '--') || $arg === '-') {
                if (str_starts_with($arg, '-') && $arg !== '-') {
                    throw new UsageError("unknown option \"$arg\"" . self::where($command));
                }
                if ($arg === $command && !$seenCommand) {
                    $seenCommand = true;
                } else {
                    $positional[] = $arg;
                }
                continue;
            }
            [$name, $value] = array_pad(explode('=', substr($arg, 2), 2), 2, null);
            if (!array_key_exists($name, $known)) {
                throw new UsageError("unknown option \"--$name\"" . self::where($command));
            }
            if ($known[$name]) {
                if ($value === null) {
                    if ($i + 1 >= $n) {
                        throw new UsageError("option --$name needs a value");
                    }
                    $value = $argv[++$i];
                }
                $options[$name] = $value;
            } else {
                if ($value !== null) {
                    throw new UsageError("option --$name takes no value (got \"$value\")");
                }
                $options[$name] = true;
            }
        }
        return new self($command, $positional, $options);
    }

    public function has(string $option): bool
    {
        return isset($this->options[$option]);
    }

    public function value(string $option): ?string
    {
        $v = $this->options[$option] ?? null;
        return is_string($v) ? $v : null;
    }

    /** The first word that is neither an option nor the value of a global option. */
    private static function findCommand(array $argv): ?string
    {
        for ($i = 0, $n = count($argv); $i < $n; $i++) {
            $arg = $argv[$i];
            if ($arg === '--') {
                return null;
            }
            if (str_starts_with($arg, '-')) {
                $name = explode('=', ltrim($arg, '-'), 2)[0];
                if (!str_contains($arg, '=') && (CommandList::GLOBAL_OPTIONS[$name] ?? false)) {
                    $i++; // its value
                }
                continue;
            }
            return $arg;
        }
        return null;
    }

    private static function where(?string $command): string
    {
        return $command === null
            ? ' (tagcache --help lists the options)'
            : " for command $command (tagcache $command --help lists its options)";
    }
}
