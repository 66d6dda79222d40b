<?php
/* A second process for the write-ticket tests: opens the cache "Tickets" on a file directory
 * or a Redis port and does one thing to it.
 *   ticket_child.php file <dir> | redis <port>   flushByTag <tag> | flush | remove <id>
 *   ... writer <version file> <rounds> <seed>   bumps the version, then flushes tag "data",
 *       and after each flush checks that no older value is readable; prints the count
 *   ... reader <version file> <seed>   cache-aside with tickets until <version file>.done */
use TagCache\Backend\FileBackend;
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;

[, $kind, $where, $action] = $argv;
$backend = $kind === 'file' ? new FileBackend(['cacheDirectory' => $where]) : new RedisBackend(['port' => (int)$where]);
$cache = new VariableFrontend('Tickets', $backend);

function version(string $file): int
{
    return (int)file_get_contents($file);
}

switch ($action) {
case 'flushByTag':
    echo 'child flushed ', $cache->flushByTag($argv[4]), "\n";
    break;
case 'flush':
    $cache->flush();
    echo "child flushed all\n";
    break;
case 'remove':
    echo 'child removed: ', var_export($cache->remove($argv[4]), true), "\n";
    break;
case 'writer':
    [$file, $rounds, $seed] = [$argv[4], (int)$argv[5], (int)$argv[6]];
    mt_srand($seed);
    $stale = 0;
    for ($v = 1; $v <= $rounds; $v++) {
        // the edit: a new version, in place before the flush (rename: readers see whole numbers)
        file_put_contents("$file.tmp", (string)$v);
        rename("$file.tmp", $file);
        $cache->flushByTag('data');
        $seen = $cache->get('item');
        if ($seen !== false && $seen < $v) {
            $stale++;
        }
        if (mt_rand(0, 3) === 0) {
            usleep(mt_rand(0, 300)); // jitter only: the check above needs no timing
        }
    }
    touch("$file.done");
    echo "writer: $rounds versions, stale reads after a flush: $stale\n";
    break;
case 'reader':
    [$file, $seed] = [$argv[4], (int)$argv[5]];
    mt_srand($seed);
    $stored = $dropped = 0;
    while (!file_exists("$file.done")) {
        if ($cache->get('item', $ticket) !== false) {
            continue;
        }
        $value = version($file);
        if (mt_rand(0, 3) === 0) {
            usleep(mt_rand(0, 300)); // widen the race window at random
        }
        $cache->set('item', $value, ['data'], null, $ticket) ? $stored++ : $dropped++;
    }
    fwrite(STDERR, "reader: stored $stored, dropped $dropped\n");
    echo "reader done\n";
    break;
}
