<?php
/*
 * Test helper: a stand-in for a proxy that records every request head it receives and answers
 * as told. php -S refuses BAN / PURGE / PURGEKEYS, hence this raw server.
 * Usage: php fake_proxy.php PORT LOGFILE MODE
 *   MODE: a status code ("200", "400"), "slow:<ms>" (200 after a delay), "hang" (never answers),
 *   "garbage" (answers something that is not HTTP)
 * Each request is logged as one JSON line {"method","target","headers","bytes"}.
 */
[, $port, $log, $mode] = $argv;
$server = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
if (!$server) {
    fwrite(STDERR, "cannot listen on $port: $errstr\n");
    exit(1);
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
    if (str_starts_with($mode, 'slow:')) {
        usleep((int)substr($mode, 5) * 1000);
    } else {
        $status = (int)$mode;
    }
    $body = "status $status\n";
    fwrite($conn, "HTTP/1.1 $status " . ($status === 200 ? 'OK' : 'Bad Request') . "\r\nContent-Length: " . strlen($body) . "\r\nConnection: close\r\n\r\n$body");
    fclose($conn);
}
