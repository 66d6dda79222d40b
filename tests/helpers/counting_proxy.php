<?php
/*
 * Test helper: forwards one TCP port to another on 127.0.0.1 and counts round trips (a client
 * send that follows a server reply, or the first send of a connection), writing the running
 * total to a file after every change. Used to prove how many round trips an operation costs.
 * Usage: php counting_proxy.php LISTEN_PORT TARGET_PORT COUNT_FILE
 */
[, $listenPort, $targetPort, $countFile] = $argv;
$server = stream_socket_server("tcp://127.0.0.1:$listenPort", $errno, $errstr);
if (!$server) {
    fwrite(STDERR, "cannot listen on $listenPort: $errstr\n");
    exit(1);
}
$pairs = [];      // id => [client, upstream, lastDirection]
$count = 0;
$deadline = time() + 300; // never outlives a test run
while (time() < $deadline) {
    $read = [$server];
    foreach ($pairs as $p) {
        $read[] = $p[0];
        $read[] = $p[1];
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
            $pairs[(int)$client] = [$client, $upstream, 'reply'];
            continue;
        }
        foreach ($pairs as $id => &$p) {
            if ($sock !== $p[0] && $sock !== $p[1]) {
                continue;
            }
            $data = fread($sock, 65536);
            if ($data === '' || $data === false) {
                fclose($p[0]);
                fclose($p[1]);
                unset($pairs[$id]);
                break;
            }
            if ($sock === $p[0]) {
                if ($p[2] === 'reply') {
                    file_put_contents($countFile, (string)++$count);
                }
                $p[2] = 'request';
                fwrite($p[1], $data);
            } else {
                $p[2] = 'reply';
                fwrite($p[0], $data);
            }
            break;
        }
        unset($p);
    }
}
