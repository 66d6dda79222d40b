<?php
// Temporary folders for tests: private (0700, as FileBackend requires), removed afterwards.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Support;

final class TempDir
{
    public static function create(string $label): string
    {
        $dir = sys_get_temp_dir() . '/tagcache-psr-' . $label . '-' . getmypid() . '-' . bin2hex(random_bytes(4));
        if (!mkdir($dir, 0700)) {
            throw new \RuntimeException("cannot create $dir");
        }
        return $dir;
    }

    public static function remove(string $path): void
    {
        if (is_link($path) || (file_exists($path) && !is_dir($path))) {
            unlink($path);
            return;
        }
        if (!is_dir($path)) {
            return;
        }
        foreach (scandir($path) as $name) {
            if ($name !== '.' && $name !== '..') {
                self::remove($path . '/' . $name);
            }
        }
        rmdir($path);
    }
}
