<?php
/*
 * Test helper: forwards one TCP port to another on 127.0.0.1 and counts round trips, writing
 * the running total to a file before it forwards the command that made it (so once a client
 * has its reply, the count that includes it is on disk: no waiting needed to read it).
 * Both streams are parsed as RESP: a round trip is a client command that begins while none of
 * that client's earlier commands awaits its reply. A pipeline that reaches the proxy in pieces
 * while the server already answered its first commands stays one round trip, as the piece
 * continues a command or follows one still unanswered in the same burst.
 * Optional LOG_FILE: every complete client command is appended there as one line of JSON, the
 * arguments base64-encoded (tests read what the backend sent, e.g. a script's source).
 * Usage: php counting_proxy.php LISTEN_PORT TARGET_PORT COUNT_FILE [LOG_FILE]
 */
[, $listenPort, $targetPort, $countFile] = $argv;
$logFile = $argv[4] ?? null;
$server = stream_socket_server("tcp://127.0.0.1:$listenPort", $errno, $errstr);
if (!$server) {
    fwrite(STDERR, "cannot listen on $listenPort: $errstr\n");
    exit(1);
}

/**
 * The length of the complete RESP value at $buf[$at..], or null when it is not all there yet.
 * $args collects a command's arguments (arrays of bulk strings) when given.
 */
function resp_end(string $buf, int $at, ?array &$args = null): ?int
{
    $eol = strpos($buf, "\r\n", $at);
    if ($eol === false) {
        return null;
    }
    $type = $buf[$at];
    $head = substr($buf, $at + 1, $eol - $at - 1);
    $next = $eol + 2;
    if ($type === '$') {
        $n = (int)$head;
        if ($n < 0) {
            return $next - $at;
        }
        if (strlen($buf) < $next + $n + 2) {
            return null;
        }
        if ($args !== null) {
            $args[] = substr($buf, $next, $n);
        }
        return $next + $n + 2 - $at;
    }
    if ($type === '*') {
        for ($i = 0, $n = (int)$head; $i < $n; $i++) {
            $len = resp_end($buf, $next, $args);
            if ($len === null) {
                return null;
            }
            $next += $len;
        }
        return $next - $at;
    }
    if ($args !== null && !in_array($type, ['+', '-', ':'], true)) {
        $args = preg_split('/\s+/', trim(substr($buf, $at, $eol - $at))); // inline command
    }
    return $next - $at; // simple string, error, integer, inline command
}

$pairs = [];      // id => ['c' => client, 'u' => upstream, 'in' => client bytes not yet a whole command, 'out' => same for replies, 'pending' => commands awaiting replies]
$count = 0;
$deadline = time() + 300; // never outlives a test run
while (time() < $deadline) {
    $read = [$server];
    foreach ($pairs as $p) {
        $read[] = $p['c'];
        $read[] = $p['u'];
    }
    $write = $except = null;
    if (stream_select($read, $write, $except, 1) < 1) {
        continue;
    }
    foreach ($read as $sock) {
        if ($sock === $server) {
            $client = stream_socket_accept($server);
            // unbuffered: one fread takes all a client sent at once (up to 64 KB), not 8 KB
            // parts between which a reply to the first part would count as a round trip
            stream_set_read_buffer($client, 0);
            $upstream = stream_socket_client("tcp://127.0.0.1:$targetPort");
            $pairs[(int)$client] = ['c' => $client, 'u' => $upstream, 'in' => '', 'out' => '', 'pending' => 0];
            continue;
        }
        foreach ($pairs as $id => &$p) {
            if ($sock !== $p['c'] && $sock !== $p['u']) {
                continue;
            }
            // recv, not fread: one system call, no stream buffer holding bytes back from select
            $data = stream_socket_recvfrom($sock, 1 << 20);
            if ($data === '' || $data === false) {
                fclose($p['c']);
                fclose($p['u']);
                unset($pairs[$id]);
                break;
            }
            if ($sock === $p['c']) {
                if ($p['in'] === '' && $p['pending'] === 0) {
                    file_put_contents($countFile, (string)++$count);
                }
                $p['in'] .= $data;
                $at = 0;
                for (;;) {
                    $args = [];
                    $len = resp_end($p['in'], $at, $args);
                    if ($len === null) {
                        break;
                    }
                    $at += $len;
                    $p['pending']++;
                    if ($logFile !== null) {
                        file_put_contents($logFile, json_encode(array_map('base64_encode', $args)) . "\n", FILE_APPEND);
                    }
                }
                $p['in'] = (string)substr($p['in'], $at);
                fwrite($p['u'], $data);
            } else {
                $p['out'] .= $data;
                $at = 0;
                while (($len = resp_end($p['out'], $at)) !== null) {
                    $at += $len;
                    $p['pending']--;
                }
                $p['out'] = (string)substr($p['out'], $at);
                fwrite($p['c'], $data);
            }
            break;
        }
        unset($p);
    }
}
