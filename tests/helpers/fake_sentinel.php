<?php
/*
 * Test helper: a stand-in Redis Sentinel. It answers SENTINEL get-master-addr-by-name with the
 * "host port" that ANSWER_FILE holds at that moment (an empty file: the service is unknown),
 * AUTH with OK, anything else with an error. Lets a test name a replica, or switch the primary,
 * exactly when it wants.
 * Usage: php fake_sentinel.php LISTEN_PORT ANSWER_FILE
 */
[, $listenPort, $answerFile] = $argv;
$server = stream_socket_server("tcp://127.0.0.1:$listenPort", $errno, $errstr);
if (!$server) {
    fwrite(STDERR, "cannot listen on $listenPort: $errstr\n");
    exit(1);
}
$clients = [];
$buffers = [];
$deadline = time() + 300; // never outlives a test run

/** One complete command from $buf (removed from it), or null when more bytes are needed. */
function take_command(string &$buf): ?array
{
    if (!preg_match('/^\*(\d+)\r\n/', $buf, $m)) {
        return null;
    }
    $at = strlen($m[0]);
    $args = [];
    for ($i = 0; $i < (int)$m[1]; $i++) {
        if (!preg_match('/^\$(\d+)\r\n/', substr($buf, $at), $l)) {
            return null;
        }
        $at += strlen($l[0]);
        if (strlen($buf) < $at + (int)$l[1] + 2) {
            return null;
        }
        $args[] = substr($buf, $at, (int)$l[1]);
        $at += (int)$l[1] + 2;
    }
    $buf = substr($buf, $at);
    return $args;
}

while (time() < $deadline) {
    $read = array_merge([$server], $clients);
    $write = $except = null;
    if (stream_select($read, $write, $except, 1) < 1) {
        continue;
    }
    foreach ($read as $sock) {
        if ($sock === $server) {
            $c = stream_socket_accept($server);
            $clients[(int)$c] = $c;
            $buffers[(int)$c] = '';
            continue;
        }
        $data = fread($sock, 65536);
        if ($data === '' || $data === false) {
            unset($clients[(int)$sock], $buffers[(int)$sock]);
            fclose($sock);
            continue;
        }
        $buffers[(int)$sock] .= $data;
        while (($cmd = take_command($buffers[(int)$sock])) !== null) {
            $name = strtoupper($cmd[0] ?? '');
            if ($name === 'AUTH') {
                $out = "+OK\r\n";
            } elseif ($name === 'SENTINEL') {
                $answer = trim((string)@file_get_contents($answerFile));
                if ($answer === '') {
                    $out = "*-1\r\n";
                } else {
                    [$h, $p] = explode(' ', $answer);
                    $out = "*2\r\n\$" . strlen($h) . "\r\n$h\r\n\$" . strlen($p) . "\r\n$p\r\n";
                }
            } else {
                $out = "-ERR unknown command\r\n";
            }
            fwrite($sock, $out);
        }
    }
}
