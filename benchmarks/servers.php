<?php
/*
 * The servers the stores family measures against: memcached and MariaDB, each started by this
 * process on 127.0.0.1 on a free port in a temporary folder, waited for (bounded), stopped by its
 * PID and its folder removed. Nothing here talks to any other server.
 */

/** A server this process started: its process handle, PID, port and folder. */
final class BenchServer
{
    /** @param resource $proc */
    public function __construct(public string $name, public $proc, public int $pid, public int $port, public string $dir)
    {
    }

    /** SIGTERM, a bounded wait for the exit, SIGKILL after it; then the folder goes. */
    public function stop(): void
    {
        if ($this->proc !== null) {
            proc_terminate($this->proc, 15);
            for ($i = 0; $i < 300 && proc_get_status($this->proc)['running']; $i++) {
                usleep(50000);
            }
            if (proc_get_status($this->proc)['running']) {
                proc_terminate($this->proc, 9);
            }
            proc_close($this->proc);
            $this->proc = null;
        }
        bench_rmdir($this->dir);
    }
}

function bench_free_port(): int
{
    $s = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
    fclose($s);
    return $port;
}

/** Starts $argv (no shell) with its output in $log; the PID is the server's own. */
function bench_spawn(string $name, array $argv, string $dir, int $port, string $log): BenchServer
{
    $proc = proc_open($argv, [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']], $pipes);
    if (!is_resource($proc)) {
        bench_rmdir($dir);
        throw new RuntimeException("$name could not be started");
    }
    return new BenchServer($name, $proc, proc_get_status($proc)['pid'], $port, $dir);
}

/** Polls $ready every 50 ms for at most $seconds; stops the server and throws when it never answers. */
function bench_wait_ready(BenchServer $s, float $seconds, Closure $ready, string $log): void
{
    $until = microtime(true) + $seconds;
    while (microtime(true) < $until) {
        if (!proc_get_status($s->proc)['running']) {
            break;
        }
        if ($ready()) {
            return;
        }
        usleep(50000);
    }
    $tail = implode(' ', array_slice(file($log, FILE_IGNORE_NEW_LINES) ?: [], -3));
    $s->stop();
    throw new RuntimeException("{$s->name} did not answer on 127.0.0.1:{$s->port} within {$seconds} s ($tail)");
}

/** memcached -m 64, UDP off, as root (memcached refuses root without -u). */
function bench_start_memcached(): BenchServer
{
    if (trim((string) shell_exec('command -v memcached 2>/dev/null')) === '') {
        throw new RuntimeException('memcached is not installed');
    }
    $dir = bench_tmpdir('memcached');
    $port = bench_free_port();
    $log = "$dir/memcached.log";
    $s = bench_spawn('memcached', ['memcached', '-u', 'root', '-U', '0', '-m', '64', '-l', '127.0.0.1', '-p', (string) $port], $dir, $port, $log);
    bench_wait_ready($s, 10, static function () use ($port): bool {
        $c = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 0.2);
        if (!$c) {
            return false;
        }
        fwrite($c, "version\r\n");
        $ok = str_starts_with((string) fgets($c), 'VERSION');
        fclose($c);
        return $ok;
    }, $log);
    return $s;
}

/**
 * MariaDB in a fresh data directory in the system temp dir (InnoDB wants O_DIRECT-capable files,
 * which tmpfs is not), root without a password over TCP, database `bench`. Commits write the log
 * but do not fsync it (innodb_flush_log_at_trx_commit=2): the rows measure the statements, not
 * the virtual disk's flush.
 */
function bench_start_mariadb(): BenchServer
{
    foreach (['mariadb-install-db', 'mariadbd'] as $bin) {
        if (trim((string) shell_exec("PATH=\$PATH:/usr/sbin command -v $bin 2>/dev/null")) === '') {
            throw new RuntimeException("$bin is not installed");
        }
    }
    $base = sys_get_temp_dir() . '/tagcache-bench-mariadb-' . getmypid();
    bench_rmdir($base);
    mkdir($base, 0700, true);
    $log = "$base/mariadb.log";
    exec(sprintf('mariadb-install-db --no-defaults --datadir=%s --user=root --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve >>%s 2>&1',
        escapeshellarg("$base/data"), escapeshellarg($log)), $out, $rc);
    if ($rc !== 0) {
        $tail = implode(' ', array_slice(file($log, FILE_IGNORE_NEW_LINES) ?: [], -3));
        bench_rmdir($base);
        throw new RuntimeException("mariadb-install-db failed ($tail)");
    }
    $port = bench_free_port();
    $mariadbd = is_executable('/usr/sbin/mariadbd') ? '/usr/sbin/mariadbd' : 'mariadbd';
    $s = bench_spawn('mariadbd', [$mariadbd, '--no-defaults', "--datadir=$base/data", '--user=root', "--port=$port",
        '--bind-address=127.0.0.1', "--socket=$base/mariadb.sock", "--pid-file=$base/mariadb.pid", '--skip-log-bin',
        '--skip-name-resolve', '--innodb-flush-log-at-trx-commit=2', '--innodb-buffer-pool-size=256M'], $base, $port, $log);
    bench_wait_ready($s, 30, static function () use ($port): bool {
        try {
            $pdo = new PDO("mysql:host=127.0.0.1;port=$port", 'root', '', [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
            $pdo->exec('CREATE DATABASE IF NOT EXISTS bench');
            return true;
        } catch (PDOException $e) {
            return false;
        }
    }, $log);
    return $s;
}
