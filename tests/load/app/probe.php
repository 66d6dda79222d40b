<?php
/*
 * Tells whether a worker can unlink a file in the file cache's data directory: the harness
 * makes the directory read-only and asks, to know whether the read-only phase really refuses
 * removals to the workers (it does not when they run as root).
 */
require __DIR__ . '/lib.php';

$cfg = load_config();
$file = $cfg['probeFile'];
header('Content-Type: text/plain');
echo @unlink($file) ? "unlinked\n" : 'refused: ' . (error_get_last()['message'] ?? '?') . "\n";
