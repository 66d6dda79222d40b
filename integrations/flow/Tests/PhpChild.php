<?php
/*
 * Runs PHP code in a child PHP process with this process's -d settings (so the same extension
 * is loaded) and the packages' autoloader, but without the test bootstrap: a child sees the
 * real Neos\Cache classes (the bootstrap aliases some of them to the bridge's) and may get
 * other ini settings (OPcache on the CLI, say).
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests;

final class PhpChild
{
    /**
     * @param array<string, string> $ini extra -d settings
     * @return array{int, string, string} exit code, stdout, stderr
     */
    public static function run(string $code, array $ini = []): array
    {
        $command = [PHP_BINARY];
        foreach (self::inheritedSettings() as $setting) {
            $command[] = '-d';
            $command[] = $setting;
        }
        foreach ($ini as $name => $value) {
            $command[] = '-d';
            $command[] = "$name=$value";
        }
        $command[] = '-r';
        $command[] = 'require ' . var_export(dirname(__DIR__) . '/vendor/autoload.php', true) . ';' . $code;
        $process = proc_open($command, [['file', '/dev/null', 'r'], ['pipe', 'w'], ['pipe', 'w']], $pipes);
        $stdout = stream_get_contents($pipes[1]);
        $stderr = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        return [proc_close($process), $stdout, $stderr];
    }

    /** @return list<string> the -d settings this PHP was started with (Linux: /proc/self/cmdline) */
    private static function inheritedSettings(): array
    {
        $arguments = explode("\0", (string)@file_get_contents('/proc/self/cmdline'));
        $settings = [];
        foreach ($arguments as $i => $argument) {
            if ($argument === '-d' && isset($arguments[$i + 1])) {
                $settings[] = $arguments[$i + 1];
            } elseif (str_starts_with($argument, '-d') && strlen($argument) > 2) {
                $settings[] = substr($argument, 2);
            }
        }
        return $settings;
    }
}
