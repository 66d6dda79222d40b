<?php
/* The Redis server the runner started for this run (loopback only), if any. */

/** The port of the runner's own redis-server, or null when there is none. */
function bench_redis_port(): ?int
{
    $port = (int) getenv('TAGCACHE_BENCH_REDIS_PORT');
    return $port > 0 && class_exists('Redis') ? $port : null;
}

/** A fresh phpredis connection to database $db of the runner's server. */
function bench_redis_connect(int $db): Redis
{
    $r = new Redis();
    $r->connect('127.0.0.1', bench_redis_port(), 2.0);
    $r->select($db);
    return $r;
}

/** used_memory of the whole server: subjects run one after another, each in its own database. */
function bench_redis_used_memory(Redis $r): int
{
    return (int) $r->info('memory')['used_memory'];
}
