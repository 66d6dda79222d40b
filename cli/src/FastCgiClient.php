<?php
/*
 * A minimal FastCGI client (responder role, one request per connection): BEGIN_REQUEST, the
 * PARAMS stream, an empty STDIN, then STDOUT / STDERR records until END_REQUEST. Enough to run
 * one script in a php-fpm pool, as the fpm:* commands do.
 */
declare(strict_types=1);

namespace TagCache\Cli;

final class FastCgiClient
{
    private const VERSION = 1;
    private const BEGIN_REQUEST = 1;
    private const END_REQUEST = 3;
    private const PARAMS = 4;
    private const STDIN = 5;
    private const STDOUT = 6;
    private const STDERR = 7;
    private const RESPONDER = 1;
    private const REQUEST_ID = 1;

    /** $address: "unix:/path", "/path" (a unix socket), "host:port" or "tcp://host:port". */
    public function __construct(private readonly string $address, private readonly float $timeout = 30.0)
    {
    }

    /**
     * Sends one request with $params and returns ['status' => HTTP status, 'headers' =>
     * [lowercased name => value], 'body' => string, 'stderr' => string]; a Failure when the
     * pool cannot be reached or does not answer.
     * @param array<string, string> $params
     */
    public function request(array $params): array
    {
        $target = match (true) {
            str_starts_with($this->address, 'unix:') => 'unix://' . substr($this->address, 5),
            str_starts_with($this->address, '/') => 'unix://' . $this->address,
            str_contains($this->address, '://') => $this->address,
            default => 'tcp://' . $this->address,
        };
        $conn = @stream_socket_client($target, $errno, $errstr, $this->timeout);
        if (!$conn) {
            throw new Failure("cannot connect to the php-fpm pool at {$this->address}: $errstr");
        }
        try {
            stream_set_timeout($conn, (int)ceil($this->timeout));
            $pairs = '';
            foreach ($params as $name => $value) {
                $pairs .= self::length(strlen((string)$name)) . self::length(strlen($value)) . $name . $value;
            }
            $out = self::record(self::BEGIN_REQUEST, pack('nCx5', self::RESPONDER, 0));
            foreach (str_split($pairs, 65535) as $chunk) {
                $out .= $chunk === '' ? '' : self::record(self::PARAMS, $chunk);
            }
            $out .= self::record(self::PARAMS, '') . self::record(self::STDIN, '');
            if (@fwrite($conn, $out) !== strlen($out)) {
                throw new Failure("php-fpm pool at {$this->address} closed the connection while receiving the request");
            }
            return $this->response($conn);
        } finally {
            fclose($conn);
        }
    }

    /** @param resource $conn */
    private function response($conn): array
    {
        $stdout = $stderr = '';
        while (true) {
            $head = $this->read($conn, 8);
            $h = unpack('Cversion/Ctype/nid/nlength/Cpadding', $head);
            $content = $this->read($conn, $h['length'] + $h['padding']);
            $content = substr($content, 0, $h['length']);
            if ($h['type'] === self::STDOUT) {
                $stdout .= $content;
            } elseif ($h['type'] === self::STDERR) {
                $stderr .= $content;
            } elseif ($h['type'] === self::END_REQUEST) {
                break;
            }
        }
        [$headText, $body] = array_pad(preg_split("/\r?\n\r?\n/", $stdout, 2), 2, '');
        $headers = [];
        foreach (preg_split("/\r?\n/", $headText) as $line) {
            if (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $headers[strtolower(trim($name))] = trim($value);
            }
        }
        $status = isset($headers['status']) ? (int)$headers['status'] : 200;
        return ['status' => $status, 'headers' => $headers, 'body' => $body, 'stderr' => $stderr];
    }

    /** @param resource $conn */
    private function read($conn, int $length): string
    {
        $data = '';
        while (strlen($data) < $length) {
            $chunk = fread($conn, $length - strlen($data));
            if ($chunk === false || $chunk === '') {
                $why = stream_get_meta_data($conn)['timed_out'] ? 'timed out' : 'closed the connection';
                throw new Failure("php-fpm pool at {$this->address} $why before the end of the response");
            }
            $data .= $chunk;
        }
        return $data;
    }

    private static function record(int $type, string $content): string
    {
        $padding = (8 - strlen($content) % 8) % 8;
        return pack('CCnnCx', self::VERSION, $type, self::REQUEST_ID, strlen($content), $padding) . $content . str_repeat("\0", $padding);
    }

    private static function length(int $n): string
    {
        return $n < 128 ? chr($n) : pack('N', $n | 0x80000000);
    }
}
