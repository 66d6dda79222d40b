<?php
/*
 * The peers: Symfony Cache 5.4 as Debian packages it (php-symfony-cache, autoloaded by
 * /usr/share/php/Symfony/Component/Cache/autoload.php). Tag-aware everywhere: ArrayAdapter and
 * ApcuAdapter are wrapped in TagAwareAdapter, the way Symfony tags a pool that has no tags itself.
 * Values go through DefaultMarshaller(false), i.e. serialize(), like tagcache's php serializer.
 * Writes are PSR-6's getItem() + set() + tag() + save(): PSR-6 has no write without a read.
 */

use Symfony\Component\Cache\Adapter\AdapterInterface;
use Symfony\Component\Cache\Adapter\ApcuAdapter;
use Symfony\Component\Cache\Adapter\ArrayAdapter;
use Symfony\Component\Cache\Adapter\FilesystemAdapter;
use Symfony\Component\Cache\Adapter\FilesystemTagAwareAdapter;
use Symfony\Component\Cache\Adapter\RedisTagAwareAdapter;
use Symfony\Component\Cache\Adapter\TagAwareAdapter;
use Symfony\Component\Cache\Marshaller\DefaultMarshaller;

const SYMFONY_CACHE_AUTOLOAD = '/usr/share/php/Symfony/Component/Cache/autoload.php';

/** Loads Symfony Cache; false when the package is not installed. */
function symfony_available(): bool
{
    static $ok = null;
    if ($ok === null) {
        $ok = is_file(SYMFONY_CACHE_AUTOLOAD);
        if ($ok) {
            require_once SYMFONY_CACHE_AUTOLOAD;
        }
    }
    return $ok;
}

function apcu_available(): bool
{
    return function_exists('apcu_enabled') && apcu_enabled();
}

/** The same tagged operations for any Symfony tag-aware pool. */
function symfony_subject(string $name, AdapterInterface $pool, array $extra = []): Subject
{
    return new Subject(
        name: $name,
        kind: 'peer',
        set: static function (string $k, string $v, array $tags) use ($pool): void {
            $item = $pool->getItem($k);
            $item->set($v)->tag($tags);
            $pool->save($item);
        },
        get: static function (string $k) use ($pool) {
            $item = $pool->getItem($k);
            return $item->isHit() ? $item->get() : false;
        },
        getByTag: null, // Symfony has no lookup of a tag's entries
        flushByTag: static fn (string $tag, array $keys) => $pool->invalidateTags([$tag]) ? null : throw new RuntimeException("$name: invalidateTags failed"),
        fill: static function (array $entries) use ($pool): void {
            $n = 0;
            foreach ($entries as $k => [$v, $tags]) {
                $item = $pool->getItem($k);
                $item->set($v)->tag($tags);
                $pool->saveDeferred($item);
                if (++$n % 1000 === 0) {
                    $pool->commit();
                }
            }
            $pool->commit();
        },
        footprint: $extra['footprint'] ?? null,
        footprintUnit: $extra['footprintUnit'] ?? 'PHP heap + malloc',
        close: $extra['close'] ?? static function () use ($pool): void {
            $pool->clear();
        },
    );
}

function symfony_files_extra(string $dir): array
{
    return [
        'footprint' => static fn () => bench_du($dir),
        'footprintUnit' => 'disk',
        'close' => static function () use ($dir): void {
            bench_rmdir($dir);
        },
    ];
}

function sf_tagaware_filesystem_subject(): Subject
{
    $dir = bench_tmpdir('sf-fs');
    $pool = new TagAwareAdapter(new FilesystemAdapter('bench', 0, $dir, new DefaultMarshaller(false)));
    return symfony_subject('Symfony TagAwareAdapter(FilesystemAdapter)', $pool, symfony_files_extra($dir));
}

function sf_filesystem_tagaware_subject(): Subject
{
    $dir = bench_tmpdir('sf-fsta');
    $pool = new FilesystemTagAwareAdapter('bench', 0, $dir, new DefaultMarshaller(false));
    return symfony_subject('Symfony FilesystemTagAwareAdapter', $pool, symfony_files_extra($dir));
}

function sf_array_subject(): Subject
{
    return symfony_subject('Symfony TagAwareAdapter(ArrayAdapter)', new TagAwareAdapter(new ArrayAdapter(0, true)));
}

function sf_apcu_subject(): Subject
{
    apcu_clear_cache();
    $pool = new TagAwareAdapter(new ApcuAdapter('bench', 0, null, new DefaultMarshaller(false)));
    return symfony_subject('Symfony TagAwareAdapter(ApcuAdapter)', $pool, [
        'footprint' => static fn () => (int) apcu_cache_info(true)['mem_size'],
        'footprintUnit' => 'APCu',
        'close' => static function (): void {
            apcu_clear_cache();
        },
    ]);
}

function sf_redis_subject(): Subject
{
    $redis = bench_redis_connect(2);
    $redis->flushDb();
    $pool = new RedisTagAwareAdapter($redis, 'bench', 0, new DefaultMarshaller(false));
    return symfony_subject('Symfony RedisTagAwareAdapter', $pool, [
        'footprint' => static fn () => bench_redis_used_memory($redis),
        'footprintUnit' => 'Redis',
        'close' => static function () use ($redis): void {
            $redis->flushDb();
        },
    ]);
}

/*
 * Neos.Cache 9's FileBackend behind its StringFrontend, installed by benchmarks/run from
 * <project>/../shared/peers into benchmarks/peers/vendor (composer path repositories; ignored by
 * git). Without that folder its rows are left out with a note.
 */
const NEOS_CACHE_AUTOLOAD = __DIR__ . '/peers/vendor/autoload.php';

/** Loads Neos.Cache; false when benchmarks/peers/vendor is not installed. */
function neos_available(): bool
{
    static $ok = null;
    if ($ok === null) {
        $ok = is_file(NEOS_CACHE_AUTOLOAD);
        if ($ok) {
            require_once NEOS_CACHE_AUTOLOAD;
            $ok = class_exists('Neos\\Cache\\Backend\\FileBackend');
        }
    }
    return $ok;
}

function neos_missing_note(): string
{
    return 'Neos.Cache is not installed (benchmarks/peers/vendor: benchmarks/run installs it with composer from ../shared/peers in full mode)';
}

/** A Neos StringFrontend over a Neos FileBackend whose files go to $dir/Cache/Data/Bench/. */
function neos_file_frontend(string $dir): object
{
    if (!neos_available()) {
        throw new RuntimeException(neos_missing_note());
    }
    $env = new Neos\Cache\EnvironmentConfiguration('tagcache-bench', $dir . '/');
    $backend = new Neos\Cache\Backend\FileBackend($env, []);
    $cache = new Neos\Cache\Frontend\StringFrontend('Bench', $backend);
    $backend->setCache($cache);
    return $cache;
}
