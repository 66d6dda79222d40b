<?php
/*
 * The command's entry: parses the line, prints help, loads the configuration, runs the
 * command and turns what it throws into an exit code and a message (or a JSON document).
 */
declare(strict_types=1);

namespace TagCache\Cli;

final class Application
{
    /** @param list<string> $argv the arguments after the script's name; returns the exit code */
    public function run(array $argv): int
    {
        $json = in_array('--json', $argv, true);
        $out = new Output($json, in_array('--quiet', $argv, true), in_array('--progress', $argv, true));
        $command = '';
        try {
            $args = Arguments::parse($argv);
            $command = (string)$args->command;
            // the parsed flags: "--json" after "--" is an argument, not the option
            $out = new Output($args->has('json'), $args->has('quiet'), $args->has('progress'));
            if ($args->has('help') || $args->command === null) {
                if ($args->command === null && !$args->has('help')) {
                    throw new UsageError('no command given (tagcache --help lists the commands)');
                }
                $help = $args->command === null ? CommandList::overview() : CommandList::help($args->command);
                $out->set('help', $help);
                $out->line(rtrim($help));
                $out->finish($command, ExitCode::OK);
                return ExitCode::OK;
            }
            if (!extension_loaded('tagcache')) {
                throw new UsageError('the tagcache extension is not loaded in this PHP (' . PHP_BINARY
                    . '); enable it (extension=tagcache in php.ini, or php -d extension=tagcache)');
            }
            [$class, $method, , , , $min, $max, $needsConfig] = CommandList::COMMANDS[$command];
            $count = count($args->positional);
            if ($count < $min || ($max !== null && $count > $max)) {
                throw new UsageError("command $command takes " . self::arity($min, $max) . ", got $count (usage: tagcache "
                    . CommandList::COMMANDS[$command][2] . ')');
            }
            $configFile = $args->value('config') ?? (getenv('TAGCACHE_CONFIG') ?: null);
            $config = ($needsConfig || $configFile !== null) ? Config::load(Config::locate($configFile)) : null;
            $exit = (new $class($config, $args, $out))->$method();
            $out->finish($command, $exit);
            return $exit;
        } catch (UsageError $e) {
            $out->finish($command, ExitCode::USAGE, $e->getMessage());
            return ExitCode::USAGE;
        } catch (Failure $e) {
            foreach ($e->details as $k => $v) {
                $out->set($k, $v);
            }
            $out->finish($command, $e->exitCode, $e->getMessage());
            return $e->exitCode;
        } catch (\Throwable $e) {
            $out->finish($command, ExitCode::FAILED, self::describe($e));
            return ExitCode::FAILED;
        }
    }

    /** "Class: message", without the namespace of the project's own exceptions. */
    public static function describe(\Throwable $e): string
    {
        $class = get_class($e);
        return (str_starts_with($class, 'TagCache\\') ? substr($class, strrpos($class, '\\') + 1) : $class) . ': ' . $e->getMessage();
    }

    private static function arity(int $min, ?int $max): string
    {
        return match (true) {
            $max === 0 => 'no arguments',
            $min === $max => "$min argument" . ($min === 1 ? '' : 's'),
            $max === null => "at least $min argument" . ($min === 1 ? '' : 's'),
            default => "$min to $max arguments",
        };
    }
}
