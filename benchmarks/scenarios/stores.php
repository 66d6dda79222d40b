<?php
/*
 * The stores family (`bench.php stores -`, `benchmarks/run stores`, part of the full run): PDO on
 * SQLite, PDO on MariaDB and memcached, each with tagcache's backend, Symfony's adapter in
 * TagAwareAdapter (peer) and the same statements or round trips done directly (floor), in one
 * run: get hit (100 B), set with 3 tags (100 B), flushByTag hitting 10 entries at 1k / 10k / 100k
 * entries (quick: 1k only). Servers are started here on 127.0.0.1 (servers.php) and stopped by
 * PID. tagcache rows whose class is not in this build are left out with a note; floors and peers
 * still run.
 */

require_once dirname(__DIR__) . '/servers.php';
require_once dirname(__DIR__) . '/stores.php';

/**
 * @param Closure(string $group, string $scenario, string $subject, string $kind, array $m, ?int $size, ?int $footprint): void $record
 * @param Closure(string $group, string $text): void $note
 * @return bool false when a tagcache row failed
 */
function scenario_stores(BenchConfig $cfg, Closure $record, Closure $note): bool
{
    $sf = stores_symfony();
    $ok = true;
    foreach (['stores_sqlite', 'stores_mariadb', 'stores_memcached'] as $group) {
        $server = null;
        try {
            $n = static fn (string $text) => $note($group, $text);
            $n($sf ? "Peer: $sf, TagAwareAdapter with its defaults (tag versions known for 0.15 s)." : 'Symfony peers: skipped — Symfony Cache is not installed (neither benchmarks/peers/vendor nor php-symfony-cache)');
            if ($group === 'stores_mariadb' && $cfg->quick) {
                $n('MariaDB: skipped in quick mode (starting a server takes seconds); `benchmarks/run stores` runs it');
                continue;
            }
            $factories = stores_factories($group, $server, $sf !== null, $n);
            foreach ($factories as $label => $factory) {
                $ok = stores_run_subject($cfg, $group, $label, $factory, $record, $n) && $ok;
            }
            if ($group === 'stores_memcached' && $server) {
                $stats = stores_memcached_stats($server->port);
                $n(sprintf('memcached -m 64 on 127.0.0.1:%d: %s evictions during the run%s.', $server->port, $stats['evictions'] ?? '?',
                    ($stats['evictions'] ?? 0) > 0 ? ' (figures after an eviction may be off)' : ''));
            }
        } catch (Throwable $e) {
            $note($group, 'every row: skipped — ' . $e->getMessage());
        } finally {
            $server?->stop();
        }
    }
    return $ok;
}

/**
 * The subjects of one store, tagcache first (the ratios' reference); starts the store's server.
 * @return array<string, Closure(): Subject>
 */
function stores_factories(string $group, ?BenchServer &$server, bool $sf, Closure $note): array
{
    $out = [];
    if ($group === 'stores_memcached') {
        if (!class_exists('Memcached')) {
            throw new RuntimeException('the memcached extension is not loaded');
        }
        $server = bench_start_memcached();
        $port = $server->port;
        $note('memcached ' . (stores_memcached_stats($port)['version'] ?? '?') . ', started for this run (-m 64, UDP off); the Memcached client\'s defaults plus TCP_NODELAY for the floor, Symfony\'s createConnection() defaults for the peer.');
        stores_tagcache($out, $note, STORES_MEMCACHED_BACKEND, 'tagcache MemcachedBackend', static fn () => stores_tc_memcached_subject($port));
        if ($sf) {
            $out['Symfony TagAwareAdapter(MemcachedAdapter)'] = static fn () => stores_sf_memcached_subject($port);
        }
        $out['floor: memcached extension'] = static fn () => floor_memcached_subject($port);
        return $out;
    }
    if ($group === 'stores_sqlite') {
        if (!in_array('sqlite', PDO::getAvailableDrivers(), true)) {
            throw new RuntimeException('pdo_sqlite is not loaded');
        }
        $note('SQLite ' . (new PDO('sqlite::memory:'))->query('SELECT sqlite_version()')->fetchColumn() . ': one database file per subject in ' . stores_sqlite_base() . ', each subject\'s own connection in WAL mode (PdoBackend\'s journal), synchronous=FULL (the driver\'s default).');
        $db = static function (string $name): array {
            $dir = stores_sqlite_dir($name);
            return [$dir, "sqlite:$dir/$name.sqlite"];
        };
        stores_tagcache($out, $note, STORES_PDO_BACKEND, 'tagcache PdoBackend', static function () use ($db) {
            [$dir, $dsn] = $db('tc');
            return stores_tc_pdo_subject($dsn, [], $dir);
        });
        if ($sf) {
            $out['Symfony TagAwareAdapter(PdoAdapter)'] = static function () use ($db) {
                [$dir, $dsn] = $db('sf');
                return stores_sf_pdo_subject(stores_pdo($dsn), $dir);
            };
        }
        $out['floor: PDO statements'] = static function () use ($db) {
            [$dir, $dsn] = $db('floor');
            return floor_pdo_subject(stores_pdo($dsn), $dir);
        };
        return $out;
    }
    // MariaDB: one database per subject on the server started for this run
    if (!in_array('mysql', PDO::getAvailableDrivers(), true)) {
        throw new RuntimeException('pdo_mysql is not loaded');
    }
    $server = bench_start_mariadb();
    $port = $server->port;
    $credentials = ['username' => 'root', 'password' => ''];
    $admin = stores_pdo("mysql:host=127.0.0.1;port=$port", $credentials);
    $note('MariaDB ' . $admin->query('SELECT VERSION()')->fetchColumn() . ', started for this run in a temporary data directory (innodb_flush_log_at_trx_commit=2: commits are written, not fsynced); one database per subject, over TCP.');
    $db = static function (string $name) use ($admin, $port): string {
        $admin->exec("DROP DATABASE IF EXISTS bench_$name");
        $admin->exec("CREATE DATABASE bench_$name");
        return "mysql:host=127.0.0.1;port=$port;dbname=bench_$name";
    };
    stores_tagcache($out, $note, STORES_PDO_BACKEND, 'tagcache PdoBackend', static fn () => stores_tc_pdo_subject($db('tc'), $credentials));
    if ($sf) {
        $out['Symfony TagAwareAdapter(PdoAdapter)'] = static fn () => stores_sf_pdo_subject(stores_pdo($db('sf'), $credentials));
    }
    $out['floor: PDO statements'] = static fn () => floor_pdo_subject(stores_pdo($db('floor'), $credentials));
    return $out;
}

/** Adds tagcache's subject when its class is in this build, else a note saying it is not. */
function stores_tagcache(array &$out, Closure $note, string $class, string $label, Closure $factory): void
{
    if (class_exists($class)) {
        $out[$label] = $factory;
    } else {
        $note("$label: skipped — class $class does not exist in this build; its rows appear once it does");
    }
}

/** SQLite files go to TAGCACHE_BENCH_DIR, else /dev/shm (the statements, not the disk's fsync), else the temp dir. */
function stores_sqlite_base(): string
{
    if (getenv('TAGCACHE_BENCH_DIR')) {
        return getenv('TAGCACHE_BENCH_DIR');
    }
    return is_dir('/dev/shm') && is_writable('/dev/shm') ? '/dev/shm' : sys_get_temp_dir();
}

function stores_sqlite_dir(string $name): string
{
    $dir = stores_sqlite_base() . '/tagcache-bench-sqlite-' . $name . '-' . getmypid();
    bench_rmdir($dir);
    mkdir($dir, 0700, true);
    return $dir;
}

function stores_memcached_stats(int $port): array
{
    $m = new Memcached();
    $m->addServer('127.0.0.1', $port);
    return $m->getStats()["127.0.0.1:$port"] ?? [];
}

/** The rows of one subject; a peer or floor that fails becomes a note, a tagcache failure fails the run. */
function stores_run_subject(BenchConfig $cfg, string $group, string $label, Closure $factory, Closure $record, Closure $note): bool
{
    $s = null;
    $t = hrtime(true);
    try {
        $s = $factory();
        $rec = static function (string $scenario, array $m, ?int $size = null, ?int $footprint = null) use ($record, $group, $s): void {
            $record($group, $scenario, $s->name, $s->kind, $m, $size, $footprint);
        };
        stores_rows($cfg, $s, $rec, $note);
        return true;
    } catch (Throwable $e) {
        $msg = "$label: " . get_class($e) . ': ' . $e->getMessage();
        if ($s?->kind === 'tagcache' || str_starts_with($label, 'tagcache')) {
            fwrite(STDERR, "bench.php stores: $msg\n" . $e->getTraceAsString() . "\n");
            return false;
        }
        $note("$msg (left out)");
        return true;
    } finally {
        try {
            $s?->close();
        } catch (Throwable $e) {
            $note("$label: closing failed: " . $e->getMessage());
        }
        $cfg->quick || bench_note(sprintf('  stores   %-16s %-45s %.1f s', $group, $label, (hrtime(true) - $t) / 1e9));
    }
}

/** get hit, set with 3 tags (100 B, 100 identifiers), then flushByTag hitting 10 as the store grows. */
function stores_rows(BenchConfig $cfg, Subject $s, Closure $record, Closure $note): void
{
    $value = bench_value(100);
    $tags = ['t1', 't2', 't3'];
    $keys = bench_keys('k', 100);
    $set = $s->set;
    $get = $s->get;
    foreach ($keys as $k) {
        $set($k, $value, $tags);
    }
    if ($get($keys[0]) !== $value) {
        throw new RuntimeException("{$s->name}: get after set did not return the value");
    }
    $record('get hit, 100 B', bench_measure($cfg, static fn (int $i) => $get($keys[$i % 100])));
    $record('set, 3 tags, 100 B', bench_measure($cfg, static function (int $i) use ($set, $keys, $value, $tags): void {
        $set($keys[$i % 100], $value, $tags);
    }));
    // the store grows in place: entries of 100 B, one of 100 tags each (as the flush family)
    $budget = $cfg->quick ? 10.0 : 30.0; // seconds one fill step may take, so the family stays within about 3 minutes
    $filled = 0;
    $perEntry = null;
    foreach ($cfg->sizes as $size) {
        if ($perEntry !== null && ($size - $filled) * $perEntry > $budget) {
            $note(sprintf('%s: flushByTag at %s entries and above left out: filling would take about %.0f s (%.0f µs per entry)',
                $s->name, number_format($size), ($size - $filled) * $perEntry, $perEntry * 1e6));
            break;
        }
        $t = hrtime(true);
        for ($from = $filled; $from < $size; $from += 1000) {
            $batch = [];
            for ($i = $from; $i < min($size, $from + 1000); $i++) {
                $batch["e$i"] = [$value, ['g' . ($i % 100)]];
            }
            $s->fill($batch);
        }
        $perEntry = (hrtime(true) - $t) / 1e9 / max(1, $size - $filled);
        $cfg->quick || bench_note(sprintf('  stores   fill to %s: %.1f s (%.0f µs per entry)', number_format($size), $perEntry * ($size - $filled), $perEntry * 1e6));
        $filled = $size;
        $record('flushByTag hitting 10 of ' . number_format($size), stores_flush_measure($cfg, $s, $value), $size);
    }
}

/**
 * flush_measure() (scenarios/flush.php) for every subject but the memcached floor, whose flush
 * only bumps a version its get never compares: the same untimed preparation, no check.
 */
function stores_flush_measure(BenchConfig $cfg, Subject $s, string $value): array
{
    if ($s->kind !== 'floor' || !str_contains($s->name, 'memcached')) {
        return flush_measure($cfg, $s, 10, $value);
    }
    $set = $s->set;
    $flush = $s->flushByTag;
    $keys = bench_keys('hot', 10);
    return bench_measure_each($cfg->flushRounds, static function (int $r) use ($set, $keys, $value): void {
        foreach ($keys as $k) {
            $set($k, $value, ["hot10-$r"]);
        }
    }, static fn (int $r) => $flush("hot10-$r", $keys));
}
