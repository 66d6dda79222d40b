<?php
// A loopback port where nothing listens: the socket is bound but never listens, and is held until
// release(), so a RedisBackend pointed at it gets "Connection refused", a real backend failure.

declare(strict_types=1);

namespace TagCache\Psr\Tests\Support;

final class RefusedPort
{
    private \Socket $socket;
    public readonly int $port;

    public function __construct()
    {
        $this->socket = socket_create(\AF_INET, \SOCK_STREAM, \SOL_TCP);
        if (!socket_bind($this->socket, '127.0.0.1', 0) || !socket_getsockname($this->socket, $addr, $port)) {
            throw new \RuntimeException('cannot bind a loopback port: ' . socket_strerror(socket_last_error($this->socket)));
        }
        $this->port = $port;
    }

    public function release(): void
    {
        socket_close($this->socket);
    }
}
