<?php
/*
 * The page family's load generator: N concurrent keep-alive connections from one PHP process,
 * driven by stream_select; each connection sends its next request as soon as the previous
 * response is complete. Two protocols: HTTP/1.1 to nginx, and FastCGI straight to php-fpm, one
 * connection per request as nginx does it (with FCGI_KEEP_CONN php-fpm sends END_REQUEST in a
 * write of its own, which Nagle's algorithm and delayed ACKs hold for 40 ms).
 */

final class PageLoad
{
    /** A FastCGI request (id 1, responder, keep the connection) with these parameters. */
    public static function fcgiRequest(array $params): string
    {
        $body = '';
        foreach ($params as $name => $value) {
            $body .= self::fcgiLength(strlen($name)) . self::fcgiLength(strlen($value)) . $name . $value;
        }
        return self::fcgiRecord(1, pack('nCx5', 1, 0))   // BEGIN_REQUEST: role responder, close after
            . self::fcgiRecord(4, $body) . self::fcgiRecord(4, '') // PARAMS, end of PARAMS
            . self::fcgiRecord(5, '');                             // empty STDIN
    }

    public static function httpRequest(string $path, string $host): string
    {
        return "GET $path HTTP/1.1\r\nHost: $host\r\nUser-Agent: tagcache-bench\r\nAccept: text/html\r\n\r\n";
    }

    /**
     * Sends $count requests over $conns connections to 127.0.0.1:$port ('http' or 'fcgi').
     * Returns ['seconds' => wall time, 'latencies' => seconds per request, 'last' => the last
     * response as ['status', 'headers' (lower-cased), 'body']].
     */
    public static function run(string $proto, int $port, string $request, int $conns, int $count): array
    {
        $conns = max(1, min($conns, $count));
        $socks = $bufs = $started = [];
        $latencies = [];
        $last = null;
        $sent = $done = 0;
        $t0 = hrtime(true);
        $connect = function () use ($port): mixed {
            $s = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5)
                ?: throw new RuntimeException("connect to 127.0.0.1:$port: $errstr");
            stream_set_blocking($s, false);
            return $s;
        };
        for ($i = 0; $i < $conns; $i++) {
            $started[$i] = hrtime(true);
            $socks[$i] = $connect();
            $bufs[$i] = '';
            fwrite($socks[$i], $request);
            $sent++;
        }
        while ($done < $count) {
            $read = $socks;
            $w = $e = null;
            if (!stream_select($read, $w, $e, 10)) {
                throw new RuntimeException("no response from 127.0.0.1:$port within 10 s ($done of $count done)");
            }
            foreach ($read as $i => $s) {
                $data = fread($s, 262144);
                if ($data === '' || $data === false) {
                    if (feof($s)) {
                        throw new RuntimeException("127.0.0.1:$port closed a connection ($done of $count done)");
                    }
                    continue;
                }
                $bufs[$i] .= $data;
                $response = $proto === 'fcgi' ? self::fcgiParse($bufs[$i]) : self::httpParse($bufs[$i]);
                if ($response === null) {
                    continue;
                }
                $latencies[] = (hrtime(true) - $started[$i]) / 1e9;
                $done++;
                $last = $response;
                if ($sent < $count) {
                    $started[$i] = hrtime(true);
                    if ($proto === 'fcgi') { // the worker closes the connection after each request
                        fclose($s);
                        $s = $socks[$i] = $connect();
                        $bufs[$i] = '';
                    }
                    fwrite($s, $request);
                    $sent++;
                } else {
                    fclose($s);
                    unset($socks[$i]);
                }
            }
        }
        foreach ($socks as $s) {
            fclose($s);
        }
        return ['seconds' => (hrtime(true) - $t0) / 1e9, 'latencies' => $latencies, 'last' => $last];
    }

    private static function fcgiLength(int $n): string
    {
        return $n < 128 ? chr($n) : pack('N', $n | 0x80000000);
    }

    private static function fcgiRecord(int $type, string $content): string
    {
        return pack('CCnnCx', 1, $type, 1, strlen($content), 0) . $content;
    }

    /** A complete FastCGI response taken off the front of $buf, or null while it is incomplete. */
    private static function fcgiParse(string &$buf): ?array
    {
        $out = '';
        $at = 0;
        while (strlen($buf) - $at >= 8) {
            $h = unpack('Cversion/Ctype/nid/nlength/Cpadding', $buf, $at);
            $end = $at + 8 + $h['length'] + $h['padding'];
            if (strlen($buf) < $end) {
                return null;
            }
            if ($h['type'] === 6) { // STDOUT
                $out .= substr($buf, $at + 8, $h['length']);
            } elseif ($h['type'] === 3) { // END_REQUEST
                $buf = (string)substr($buf, $end);
                [$head, $body] = array_pad(explode("\r\n\r\n", $out, 2), 2, '');
                $headers = self::headers($head);
                return ['status' => (int)($headers['status'] ?? 200), 'headers' => $headers, 'body' => $body];
            }
            $at = $end;
        }
        return null;
    }

    /** A complete HTTP response (Content-Length or chunked) taken off $buf, or null. */
    private static function httpParse(string &$buf): ?array
    {
        $end = strpos($buf, "\r\n\r\n");
        if ($end === false) {
            return null;
        }
        $headers = self::headers(substr($buf, 0, $end));
        $status = (int)(explode(' ', substr($buf, 0, (int)strpos($buf, "\r\n")))[1] ?? 0);
        $at = $end + 4;
        if (isset($headers['content-length'])) {
            $len = (int)$headers['content-length'];
            if (strlen($buf) < $at + $len) {
                return null;
            }
            $body = substr($buf, $at, $len);
            $buf = (string)substr($buf, $at + $len);
        } elseif (stripos($headers['transfer-encoding'] ?? '', 'chunked') !== false) {
            $body = '';
            while (true) {
                $nl = strpos($buf, "\r\n", $at);
                if ($nl === false) {
                    return null;
                }
                $size = hexdec(explode(';', substr($buf, $at, $nl - $at))[0]);
                if (strlen($buf) < $nl + 2 + $size + 2) {
                    return null;
                }
                if ($size === 0) {
                    $buf = (string)substr($buf, $nl + 4); // no trailers
                    break;
                }
                $body .= substr($buf, $nl + 2, $size);
                $at = $nl + 2 + $size + 2;
            }
        } else {
            throw new RuntimeException('a response without Content-Length or chunked encoding');
        }
        return ['status' => $status, 'headers' => $headers, 'body' => $body];
    }

    private static function headers(string $head): array
    {
        $headers = [];
        foreach (explode("\r\n", $head) as $line) {
            if (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $headers[strtolower(trim($name))] = trim($value);
            }
        }
        return $headers;
    }
}
