<?php
/*
 * Test helper: a stand-in Redis node whose answers a test writes. ANSWERS_FILE is a PHP file
 * returning [command => raw RESP reply]; a command is looked up as "NAME SUB" (its first two
 * words, upper case), then "NAME", then "*"; anything else gets an error. The file is read
 * again for every command, so a test can change the answers between steps. Lets a test play a
 * node or a sentinel that sends whatever address it likes.
 * Usage: php fake_node.php LISTEN_PORT ANSWERS_FILE
 */
[, $listenPort, $answersFile] = $argv;
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

function answer(string $file, array $cmd): string
{
    $answers = is_file($file) ? (include $file) : [];
    $name = strtoupper($cmd[0] ?? '');
    $sub = strtoupper($cmd[1] ?? '');
    foreach (["$name $sub", $name, '*'] as $key) {
        if (isset($answers[$key])) {
            return $answers[$key];
        }
    }
    return "-ERR unknown command\r\n";
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
            fwrite($sock, answer($answersFile, $cmd));
        }
    }
}
