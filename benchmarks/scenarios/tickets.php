<?php
/*
 * What a write ticket costs when nothing raced: set with 3 tags of 100 B and 10 KB values with a
 * ticket against the same set without one, and a get miss that takes a ticket against a plain
 * miss, for FileBackend, TransientMemoryBackend and RedisBackend, in one process each, one after
 * the other. The ticketed operation is the reference row: its ratio is ticketed time ÷ plain time
 * (above 1: the ticket costs that much more). Plain and ticketed are measured in turn, three
 * pairs, and the pair with the median ratio is reported, so a burst of load elsewhere on the
 * machine lands on both sides.
 */

use TagCache\Frontend\VariableFrontend;

/**
 * @param Closure(string $scenario, string $subject, string $kind, array $result): void $record
 * @param Closure(string $text): void $note
 */
function scenario_tickets(BenchConfig $cfg, Closure $record, Closure $note): void
{
    $dir = bench_tmpdir('tc-tickets');
    $backends = [
        'FileBackend' => static fn () => new TagCache\Backend\FileBackend(['cacheDirectory' => $dir]),
        'TransientMemoryBackend' => static fn () => new TagCache\Backend\TransientMemoryBackend(),
    ];
    if (bench_redis_port() !== null) {
        $backends['RedisBackend'] = static fn () => new TagCache\Backend\RedisBackend(['port' => bench_redis_port(), 'database' => 2]);
    } else {
        $note('RedisBackend: no redis-server or phpredis, left out');
    }
    $tags = ['t1', 't2', 't3'];
    foreach ($backends as $name => $make) {
        $backend = $make();
        $c = new VariableFrontend('BenchTickets', $backend, ['serializer' => 'php']);
        $c->flush();
        foreach ([100 => '100 B', 10240 => '10 KB'] as $bytes => $label) {
            $value = bench_value($bytes);
            $keys = bench_keys("k{$bytes}_", 100);
            foreach ($keys as $k) {
                $c->set($k, $value, $tags);
            }
            // a ticket no flush overtakes during the measurement: every ticketed set stores
            $ticket = $c->ticket();
            if (!$c->set($keys[0], $value, $tags, null, $ticket)) {
                throw new RuntimeException("$name: a ticketed set that did not race was dropped");
            }
            [$plain, $ticketed] = bench_ticket_pairs($cfg, static function (int $i) use ($c, $keys, $value, $tags) {
                $c->set($keys[$i % 100], $value, $tags);
            }, static function (int $i) use ($c, $keys, $value, $tags, $ticket) {
                $c->set($keys[$i % 100], $value, $tags, null, $ticket);
            });
            $scenario = "$name: set, 3 tags, $label";
            $record($scenario, 'set with a ticket', 'tagcache', $ticketed);
            $record($scenario, 'set', 'peer', $plain);
            $note(sprintf('%s: ticketed ÷ plain = %.2f', $scenario, $ticketed['perOp'] / $plain['perOp']));
        }
        $missing = bench_keys('missing', 100);
        [$plain, $ticketed] = bench_ticket_pairs($cfg, static fn (int $i) => $c->get($missing[$i % 100]),
            static function (int $i) use ($c, $missing) {
                return $c->get($missing[$i % 100], $t);
            });
        $record("$name: get miss", 'get miss taking a ticket', 'tagcache', $ticketed);
        $record("$name: get miss", 'get miss', 'peer', $plain);
        $note(sprintf('%s: get miss taking a ticket ÷ plain get miss = %.2f', $name, $ticketed['perOp'] / $plain['perOp']));
        $c->flush();
    }
    bench_rmdir($dir);
}

/** @return array{0: array, 1: array} plain and ticketed figures of the pair with the median ratio */
function bench_ticket_pairs(BenchConfig $cfg, Closure $plainOp, Closure $ticketOp): array
{
    $pairs = [];
    for ($r = 0; $r < 3; $r++) {
        $plain = bench_measure($cfg, $plainOp);
        $ticketed = bench_measure($cfg, $ticketOp);
        $pairs[] = [$plain, $ticketed, $ticketed['perOp'] / $plain['perOp']];
    }
    usort($pairs, static fn ($a, $b) => $a[2] <=> $b[2]);
    return $pairs[1];
}
