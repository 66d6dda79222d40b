<?php
/*
 * The test run's scratch folder (mode 0700 under the system temporary directory, as the native
 * file backends require): emptied after every test, so no test sees another's entries (a frozen
 * cache, say), and removed when PHPUnit ends.
 */

declare(strict_types=1);

namespace TagCache\Flow\Tests\Harness;

use PHPUnit\Runner\AfterTestHook;

final class Scratch implements AfterTestHook
{
    private static ?string $directory = null;

    public static function directory(): string
    {
        if (self::$directory === null) {
            $directory = sys_get_temp_dir() . '/tagcache-flow-' . bin2hex(random_bytes(6));
            mkdir($directory, 0700);
            self::$directory = $directory;
            register_shutdown_function(static function () use ($directory): void {
                self::remove($directory);
            });
        }
        return self::$directory;
    }

    public function executeAfterTest(string $test, float $time): void
    {
        if (self::$directory !== null) {
            foreach (scandir(self::$directory) ?: [] as $name) {
                if ($name !== '.' && $name !== '..') {
                    self::remove(self::$directory . '/' . $name);
                }
            }
        }
    }

    public static function remove(string $path): void
    {
        if (is_dir($path) && !is_link($path)) {
            foreach (scandir($path) ?: [] as $name) {
                if ($name !== '.' && $name !== '..') {
                    self::remove($path . '/' . $name);
                }
            }
            @rmdir($path);
        } elseif (file_exists($path) || is_link($path)) {
            @unlink($path);
        }
    }
}
