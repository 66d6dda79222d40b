<?php
/*
 * The tagcache subjects: VariableFrontend over FileBackend, TransientMemoryBackend,
 * SharedMemoryBackend and, once it lands, RedisBackend. All use the php serializer, as the floors
 * and Symfony's peers here do.
 */

use TagCache\Frontend\VariableFrontend;

/** Tagged operations of one tagcache frontend. */
function tc_subject(string $name, VariableFrontend $c, array $extra = []): Subject
{
    return new Subject(
        name: $name,
        kind: 'tagcache',
        set: static function (string $k, string $v, array $tags) use ($c): void {
            $c->set($k, $v, $tags);
        },
        get: static fn (string $k) => $c->get($k),
        getByTag: static fn (string $tag, array $keys) => $c->getByTag($tag),
        flushByTag: static fn (string $tag, array $keys) => $c->flushByTag($tag),
        footprint: $extra['footprint'] ?? null,
        footprintUnit: $extra['footprintUnit'] ?? 'PHP heap + malloc',
        close: $extra['close'] ?? static function () use ($c): void {
            $c->flush();
        },
    );
}

function tc_file_subject(): Subject
{
    $dir = bench_tmpdir('tc-file');
    $c = new VariableFrontend('Bench', new TagCache\Backend\FileBackend(['cacheDirectory' => $dir]), ['serializer' => 'php']);
    return tc_subject('tagcache FileBackend', $c, [
        'footprint' => static fn () => bench_du($dir),
        'footprintUnit' => 'disk',
        'close' => static function () use ($dir): void {
            bench_rmdir($dir);
        },
    ]);
}

function tc_memory_subject(): Subject
{
    $c = new VariableFrontend('Bench', new TagCache\Backend\TransientMemoryBackend(), ['serializer' => 'php']);
    return tc_subject('tagcache TransientMemoryBackend', $c);
}

function tc_redis_available(): bool
{
    return class_exists('TagCache\\Backend\\RedisBackend');
}

function tc_redis_subject(): Subject
{
    $port = bench_redis_port();
    $class = 'TagCache\\Backend\\RedisBackend';
    $c = new VariableFrontend('Bench', new $class(['hostname' => '127.0.0.1', 'port' => $port, 'database' => 1]), ['serializer' => 'php']);
    $admin = bench_redis_connect(1);
    $admin->flushDb();
    return tc_subject('tagcache RedisBackend', $c, [
        'footprint' => static fn () => bench_redis_used_memory($admin),
        'footprintUnit' => 'Redis',
        'close' => static function () use ($c, $admin): void {
            $admin->flushDb();
        },
    ]);
}

/**
 * Where benchmark segments go: TAGCACHE_BENCH_DIR when set, else /dev/shm (the backend's own
 * default place, memory), else the system temp dir.
 */
function tc_shm_bench_dir(string $name): string
{
    if (!getenv('TAGCACHE_BENCH_DIR') && is_dir('/dev/shm') && is_writable('/dev/shm')) {
        $dir = '/dev/shm/tagcache-bench-' . $name . '-' . getmypid();
        bench_rmdir($dir);
        mkdir($dir, 0700);
        return $dir;
    }
    return bench_tmpdir($name);
}

/** A SharedMemoryBackend cache on a fresh segment of $size bytes in its own folder; the folder goes at close. */
function tc_shm_subject(int $size = 256 << 20): Subject
{
    $dir = tc_shm_bench_dir('tc-shm');
    $c = new VariableFrontend('Bench', new TagCache\Backend\SharedMemoryBackend(['segment' => "$dir/segment", 'size' => $size]), ['serializer' => 'php']);
    return tc_subject('tagcache SharedMemoryBackend', $c, [
        'footprint' => static fn () => $c->getBackend()->getStatistics()['bytesUsed'],
        'footprintUnit' => 'segment bytesUsed',
        'close' => static function () use ($dir): void {
            bench_rmdir($dir);
        },
    ]);
}
