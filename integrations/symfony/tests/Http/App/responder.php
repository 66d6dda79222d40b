<?php
// A stand-in proxy for PurgeTest: listens on a loopback port the system picks (printed on
// stdout), and for each connection appends the request head it received to the file argv[1]
// (before answering, so the sender's flush returns only once it is recorded) and answers
// 200 OK. Runs until the test stops it by its PID.

declare(strict_types=1);

$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "cannot listen: $errstr\n");
    exit(1);
}
echo (int)substr(strrchr(stream_socket_get_name($server, false), ':'), 1), "\n";
fflush(STDOUT);
while (true) {
    $conn = @stream_socket_accept($server, 3600);
    if ($conn === false) {
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
    file_put_contents($argv[1], $head . "\0", FILE_APPEND);
    fwrite($conn, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    fclose($conn);
}
