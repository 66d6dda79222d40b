<?php
/*
 * One first include, timed, in a process of its own (see php_code.php).
 * Usage: php -d extension=tagcache.so php_code_child.php tc|plain DIR   prints {"seconds":..,"peak":..}
 */

[, $what, $dir] = $argv;
if ($what === 'tc') {
    $fe = new TagCache\Frontend\PhpFrontend('Code', new TagCache\Backend\FileBackend(['cacheDirectory' => "$dir/cache"]));
    $base = memory_get_usage();
    $t = hrtime(true);
    $routes = $fe->requireOnce('routes');
    $dt = hrtime(true) - $t;
} else {
    $path = "$dir/plain.php";
    $base = memory_get_usage();
    $t = hrtime(true);
    $routes = require_once $path;
    $dt = hrtime(true) - $t;
}
if (!is_array($routes) || count($routes) !== 500) {
    fwrite(STDOUT, "the include did not return the routes\n");
    exit(1);
}
echo json_encode(['seconds' => $dt / 1e9, 'peak' => memory_get_peak_usage() - $base]), "\n";
