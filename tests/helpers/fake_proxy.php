<?php
/*
 * Test helper: a stand-in for a proxy that records every request head it receives and answers
 * as told. php -S refuses BAN / PURGE / PURGEKEYS, hence this raw server.
 * Usage: php fake_proxy.php PORTFILE|PORT LOGFILE MODE
 *   It listens on a port the system picks (no port is chosen beforehand, so none can be taken
 *   in between) and writes it to PORTFILE once it accepts connections.
 *   MODE: a status code ("200", "400"), "slow:<ms>" (200 after a delay), "hang" (never answers),
 *   "garbage" (answers something that is not HTTP), "barrier:<dir>:<n>[:<s>]" (marks its
 *   request in <dir> and answers 200 only once n requests are marked there, by this or other
 *   proxies: proves that they were all open at once; 504 if that does not happen within s
 *   seconds, default 20), "seq:<s1>,<s2>,..." (the n-th request gets the n-th status, the
 *   last one repeats)
 * Each request is logged as one JSON line {"method","target","headers","bytes"} before it is
 * answered, so a client that got its answer finds its request in the log.
 */
[, $portFile, $log, $mode] = $argv;
// A number instead of PORTFILE listens on that port (a test restarting a proxy on its old port).
$fixed = preg_match('/^\d+$/', $portFile) === 1;
$server = stream_socket_server('tcp://127.0.0.1:' . ($fixed ? $portFile : '0'), $errno, $errstr);
if (!$server) {
    fwrite(STDERR, "cannot listen: $errstr\n");
    exit(1);
}
if (!$fixed) {
    $name = stream_socket_get_name($server, false);
    file_put_contents("$portFile.tmp", substr($name, strrpos($name, ':') + 1));
    rename("$portFile.tmp", $portFile); // the reader never sees a half-written number
}
$deadline = time() + 300; // never outlives a test run
$hung = [];
while (time() < $deadline) {
    $conn = @stream_socket_accept($server, 1);
    if (!$conn) {
        continue;
    }
    stream_set_timeout($conn, 5);
    $head = '';
    while (!str_contains($head, "\r\n\r\n") && !feof($conn)) {
        $chunk = fread($conn, 65536);
        if ($chunk === false || $chunk === '') {
            break;
        }
        $head .= $chunk;
    }
    $lines = explode("\r\n", substr($head, 0, (int)strpos($head, "\r\n\r\n")));
    [$method, $target] = explode(' ', array_shift($lines) ?? '', 3) + ['', ''];
    $headers = [];
    foreach ($lines as $line) {
        [$name, $value] = explode(':', $line, 2) + ['', ''];
        $headers[] = [$name, ltrim($value)];
    }
    file_put_contents($log, json_encode(['method' => $method, 'target' => $target, 'headers' => $headers, 'bytes' => strlen($head)]) . "\n", FILE_APPEND | LOCK_EX);
    if ($mode === 'hang') {
        $hung[] = $conn;
        continue;
    }
    if ($mode === 'garbage') {
        fwrite($conn, "hello there\r\n\r\n");
        fclose($conn);
        continue;
    }
    $status = 200;
    if (str_starts_with($mode, 'barrier:')) {
        [, $dir, $n, $wait] = explode(':', $mode, 4) + [3 => '20'];
        touch($dir . '/' . getmypid() . '-' . bin2hex(random_bytes(4)));
        $until = microtime(true) + (float)$wait;
        while (count(glob("$dir/*")) < (int)$n && microtime(true) < $until) {
            usleep(5000); // polling the condition, bounded by $until
        }
        $status = count(glob("$dir/*")) >= (int)$n ? 200 : 504;
    } elseif (str_starts_with($mode, 'seq:')) {
        $seq = explode(',', substr($mode, 4));
        $served = ($served ?? 0) + 1;
        $status = (int)$seq[min($served, count($seq)) - 1];
    } elseif (str_starts_with($mode, 'slow:')) {
        usleep((int)substr($mode, 5) * 1000);
    } else {
        $status = (int)$mode;
    }
    $body = "status $status\n";
    fwrite($conn, "HTTP/1.1 $status " . ($status === 200 ? 'OK' : ($status === 504 ? 'Barrier Not Reached' : 'Bad Request')) . "\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n$body");
    fclose($conn);
}
