<?php
/*
 * The php-fpm commands: a small script is run inside the pool through its FastCGI socket
 * (like cachetool), because the pool's OPcache and its view of the shared-memory caches
 * (its user, its /dev/shm) are not reachable from the command's own process.
 */
declare(strict_types=1);

namespace TagCache\Cli;

use TagCache\Backend\SharedMemoryBackend;

final class FpmCommands extends Command
{
    public function opcacheReset(): int
    {
        $r = $this->runInPool('opcache-reset');
        $this->out->set('opcache', $r['opcache']);
        if (!$r['opcache']['loaded'] || !($r['opcache']['enabled'] ?? false)) {
            throw new Failure('OPcache is not enabled in the php-fpm pool (pid ' . $r['pid'] . ' answered)', ExitCode::FAILED, ['opcache' => $r['opcache']]);
        }
        if (!($r['opcache']['reset'] ?? false)) {
            throw new Failure('opcache_reset() failed in the php-fpm pool', ExitCode::FAILED, ['opcache' => $r['opcache']]);
        }
        $this->out->line('OPcache of the pool reset (worker pid ' . $r['pid'] . ')');
        return ExitCode::OK;
    }

    public function status(): int
    {
        $r = $this->runInPool('status');
        foreach (['pid', 'php', 'tagcache', 'opcache', 'caches', 'segments'] as $k) {
            $this->out->set($k, $r[$k] ?? null);
        }
        $this->out->line("pool worker pid {$r['pid']}, PHP {$r['php']}, tagcache " . ($r['tagcache'] ? 'loaded' : 'not loaded'));
        $o = $r['opcache'];
        $this->out->line('opcache: ' . (!$o['loaded'] ? 'not loaded' : (!($o['enabled'] ?? false) ? 'disabled' : sprintf('%d scripts, %d hits, %d misses, %s bytes used',
            $o['statistics']['num_cached_scripts'] ?? 0, $o['statistics']['hits'] ?? 0, $o['statistics']['misses'] ?? 0, $o['memory']['used_memory'] ?? '?'))));
        foreach ($r['caches'] as $id => $c) {
            $this->out->line(isset($c['error']) ? "cache $id: {$c['error']}" : sprintf('cache %s: %d entries, %d tags (segment %s: %d of %d bytes used, %d entries)',
                $id, $c['statistics']['cacheEntries'] ?? 0, $c['statistics']['cacheTags'] ?? 0, $c['segment'],
                $c['statistics']['bytesUsed'] ?? 0, $c['statistics']['size'] ?? 0, $c['statistics']['entries'] ?? 0));
        }
        if (!$r['caches']) {
            $this->out->line('no shared-memory caches in the configuration');
        }
        return isset($r['error']) ? throw new Failure('in the pool: ' . $r['error']) : ExitCode::OK;
    }

    public function clear(): int
    {
        $shm = $this->shmCaches();
        if (!$shm['ids']) {
            throw new UsageError('the configuration has no cache on SharedMemoryBackend: nothing to clear in the pool');
        }
        $r = $this->runInPool('clear');
        if (!$r['tagcache']) {
            throw new Failure('the tagcache extension is not loaded in the php-fpm pool');
        }
        if (isset($r['error'])) {
            throw new Failure('in the pool: ' . $r['error']);
        }
        $failures = [];
        $ok = [];
        foreach ($r['caches'] as $id => $c) {
            if (isset($c['error'])) {
                $failures[$id] = $c['error'];
            } else {
                $ok[] = $id;
            }
        }
        $this->out->set('cleared', $ok);
        $this->out->set('caches', $r['caches']);
        if ($ok) {
            $this->out->line('cleared in the pool: ' . implode(', ', $ok));
        }
        return $this->outcome('caches', count($shm['ids']), $failures);
    }

    /** The configuration's caches on SharedMemoryBackend, decided from the class names only (nothing is opened here). */
    private function shmCaches(): array
    {
        $shm = ['configs' => [], 'options' => [], 'ids' => []];
        if ($this->config === null) {
            return $shm;
        }
        $caches = $this->config->get('caches');
        $default = is_array($caches['Default'] ?? null) ? $caches['Default'] : [];
        foreach ($this->config->cacheIdentifiers() as $id) {
            $conf = is_array($caches[$id] ?? null) ? $caches[$id] : [];
            $backend = $conf['backend'] ?? $default['backend'] ?? null;
            if (is_string($backend) && is_a(ltrim($backend, '\\'), SharedMemoryBackend::class, true)) {
                $shm['configs'][$id] = $conf;
                $shm['ids'][] = $id;
            }
        }
        if ($shm['ids'] && $default) {
            $shm['configs'] = ['Default' => $default] + $shm['configs'];
        }
        $shm['options'] = $this->config->get('manager');
        try {
            var_export($shm, true);
        } catch (\Throwable $e) {
            throw ConfigError::at($this->config->file, 'caches', 'must hold only plain values (strings, numbers, arrays) for the fpm commands: ' . $e->getMessage());
        }
        return $shm;
    }

    /** Writes the script, requests it from the pool, removes it; returns the decoded answer. */
    private function runInPool(string $action): array
    {
        $socket = $this->args->value('socket') ?? ($this->config?->get('fpm')['socket'] ?? null);
        if ($socket === null) {
            throw new UsageError('no php-fpm socket: give --socket ADDRESS or set fpm.socket in the configuration');
        }
        $base = $this->config?->get('fpm')['scriptDir'] ?? sys_get_temp_dir();
        // A private folder: traversable but not listable by the pool's user, removed afterwards.
        $dir = rtrim($base, '/') . '/tagcache-fpm-' . bin2hex(random_bytes(8));
        if (!@mkdir($dir, 0711)) {
            throw new Failure("cannot create a folder for the pool's script in $base" . (error_get_last()['message'] ?? ''));
        }
        $script = $dir . '/' . bin2hex(random_bytes(8)) . '.php';
        try {
            file_put_contents($script, FpmScript::source($action, $this->shmCaches()));
            chmod($dir, 0711);
            chmod($script, 0644);
            $this->out->progress("asking the php-fpm pool at $socket");
            $response = (new FastCgiClient($socket))->request([
                'GATEWAY_INTERFACE' => 'FastCGI/1.0',
                'REQUEST_METHOD' => 'GET',
                'SCRIPT_FILENAME' => $script,
                'SCRIPT_NAME' => '/' . basename($script),
                'REQUEST_URI' => '/' . basename($script),
                'QUERY_STRING' => '',
                'DOCUMENT_ROOT' => $dir,
                'SERVER_SOFTWARE' => 'tagcache-cli',
                'SERVER_NAME' => 'localhost',
                'SERVER_PROTOCOL' => 'HTTP/1.1',
                'REMOTE_ADDR' => '127.0.0.1',
                'CONTENT_LENGTH' => '0',
            ]);
        } finally {
            @unlink($script);
            @rmdir($dir);
        }
        $answer = json_decode($response['body'], true);
        if ($response['status'] !== 200 || !is_array($answer)) {
            $detail = trim(substr($response['body'] . ' ' . $response['stderr'], 0, 300));
            throw new Failure("the php-fpm pool at $socket did not run the script (status {$response['status']}: $detail); "
                . 'its workers must be able to read ' . $base . ' (set fpm.scriptDir to a folder they can read)');
        }
        return $answer;
    }
}
