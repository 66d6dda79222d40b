<?php
/*
 * One process of the system-call count (scenarios/local.php, and the same layout as
 * tests/file/syscall_budget.inc): builds the cache the operation needs, then runs it N times.
 * Run under `strace -f -c` once with N and once with 0; the difference over N (or over the
 * flushed entries) is the operation's own count, start-up and preparation cancelled out.
 * Usage: php local_child.php SUBJECT KIND N DIR
 *   SUBJECT: tagcache | neos | floor
 *   KIND: set_existing, set_new, get_hit, get_miss, get_by_tag, flush1, flush3
 *   (flush1/flush3: 1,000 entries with 1 or 3 tags are made; N > 0 flushes them in one call)
 */

require_once __DIR__ . '/../peers.php';

[, $subject, $kind, $n, $dir] = $argv;
$n = (int) $n;
$value = str_repeat('v', 100);
$tags = ['a', 'b', 'c'];

// what the kind needs in the cache before counting starts
$prepare = static function (Closure $set) use ($kind, $tags, $value): void {
    match ($kind) {
        'set_existing' => array_map(static fn ($i) => $set("e$i", $value, $tags), range(0, 99)),
        'set_new', 'get_hit', 'get_miss' => $set('h', $value, $tags),
        'get_by_tag' => array_map(static fn ($i) => $set("t$i", $value, ['ten', 'b', 'c']), range(0, 9)),
        'flush1' => array_map(static fn ($i) => $set("f$i", $value, ['all']), range(0, 999)),
        'flush3' => array_map(static fn ($i) => $set("f$i", $value, ['all', 'b', 'c']), range(0, 999)),
    };
};

if ($subject === 'tagcache' || $subject === 'floor') {
    $c = new TagCache\Frontend\StringFrontend('Bench', new TagCache\Backend\FileBackend(['cacheDirectory' => $dir]));
    $prepare(static fn ($k, $v, $t) => $c->set($k, $v, $t));
} elseif ($subject === 'neos') {
    $c = neos_file_frontend($dir);
    $prepare(static fn ($k, $v, $t) => $c->set($k, $v, $t));
} else {
    exit(2);
}

if ($subject === 'floor') {
    // plain PHP on the files tagcache wrote: what the file system asks at least
    $dir .= '/Bench'; // FileBackend keeps a cache in a folder named after its identifier
    $data = "$dir/data";
    $paths = [];
    if ($kind === 'flush1' || $kind === 'flush3') {
        foreach (['all', 'b', 'c'] as $t) {
            foreach (glob("$dir/tags/$t/*") as $p) {
                $paths[] = $p;
            }
        }
        foreach (glob("$data/*") as $p) {
            $paths[] = $p;
        }
    }
    $ten = glob("$data/t*");
    $hit = glob("$data/h*")[0] ?? "$data/h.php";
    for ($i = 0; $i < $n; $i++) {
        match ($kind) {
            'set_existing' => file_put_contents("$dir/tmp/x", $value) && rename("$dir/tmp/x", "$data/e" . ($i % 100) . '.php'),
            'set_new' => file_put_contents("$dir/tmp/x", $value) && rename("$dir/tmp/x", "$data/n$i.php"),
            'get_hit' => file_get_contents($hit),
            'get_miss' => @fopen("$data/nope.php", 'r'),
            'get_by_tag' => array_map('file_get_contents', $ten),
            'flush1', 'flush3' => $i === 0 ? array_map('unlink', $paths) : null,
        };
    }
    exit(0);
}

for ($i = 0; $i < $n; $i++) {
    match ($kind) {
        'set_existing' => $c->set('e' . ($i % 100), $value, $tags),
        'set_new' => $c->set("n$i", $value, $tags),
        'get_hit' => $c->get('h'),
        'get_miss' => @$c->get('nope'), // Neos warns on its failing fopen
        'get_by_tag' => $c->getByTag('ten'),
        'flush1', 'flush3' => $i === 0 ? $c->flushByTag('all') : null,
    };
}
