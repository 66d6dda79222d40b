<?php
/*
 * The subjects of the stores family (scenarios/stores.php): tagcache's PdoBackend and
 * MemcachedBackend behind VariableFrontend, Symfony's PdoAdapter and MemcachedAdapter wrapped in
 * TagAwareAdapter, and floors doing the same statements with PHP's PDO or the memcached extension
 * directly. Values are serialize()d everywhere, as in the other families.
 */

use Symfony\Component\Cache\Adapter\MemcachedAdapter;
use Symfony\Component\Cache\Adapter\PdoAdapter;
use Symfony\Component\Cache\Adapter\TagAwareAdapter;
use Symfony\Component\Cache\Marshaller\DefaultMarshaller;
use TagCache\Frontend\VariableFrontend;

const STORES_PDO_BACKEND = 'TagCache\\Backend\\PdoBackend';
const STORES_MEMCACHED_BACKEND = 'TagCache\\Backend\\MemcachedBackend';

/**
 * Loads Symfony Cache for this family and says which: 7.4 from benchmarks/peers/vendor when
 * benchmarks/run installed it, else Debian's 5.4 (the one the other families use); null: neither.
 * Never both in one process (their psr/cache versions differ).
 */
function stores_symfony(): ?string
{
    static $which = false;
    if ($which !== false) {
        return $which;
    }
    if (is_file(__DIR__ . '/peers/vendor/symfony/cache/Adapter/PdoAdapter.php') && is_file(NEOS_CACHE_AUTOLOAD)) {
        require_once NEOS_CACHE_AUTOLOAD;
        $version = class_exists('Composer\\InstalledVersions') ? Composer\InstalledVersions::getPrettyVersion('symfony/cache') : '?';
        return $which = "Symfony Cache $version (benchmarks/peers/vendor)";
    }
    if (symfony_available()) {
        return $which = "Symfony Cache 5.4 (Debian's php-symfony-cache; run `benchmarks/run stores` once to install 7.4 into benchmarks/peers/vendor)";
    }
    return $which = null;
}

/** A tagcache frontend over $backend, closed by flushing it (and removing $dir when given). */
function stores_tc_subject(string $name, object $backend, ?string $dir = null): Subject
{
    $c = new VariableFrontend('Bench', $backend, ['serializer' => 'php']);
    return tc_subject($name, $c, ['close' => static function () use ($c, $dir): void {
        try {
            $c->flush();
        } finally {
            if ($dir !== null) {
                bench_rmdir($dir);
            }
        }
    }]);
}

function stores_tc_pdo_subject(string $dsn, array $credentials = [], ?string $dir = null): Subject
{
    $class = STORES_PDO_BACKEND;
    $backend = new $class(['dataSourceName' => $dsn] + $credentials);
    if (!str_starts_with($dsn, 'sqlite:')) {
        $backend->setup(); // server databases get their tables explicitly, never silently
    }
    return stores_tc_subject('tagcache PdoBackend', $backend, $dir);
}

function stores_tc_memcached_subject(int $port): Subject
{
    $class = STORES_MEMCACHED_BACKEND;
    return stores_tc_subject('tagcache MemcachedBackend', new $class(['servers' => ["127.0.0.1:$port"]]));
}

/** PDO with exceptions, the rest as the driver sets it (the same for the floor and the peer);
 * SQLite in WAL mode, the journal PdoBackend puts its files in, so all three write alike. */
function stores_pdo(string $dsn, array $credentials = []): PDO
{
    $pdo = new PDO($dsn, $credentials['username'] ?? null, $credentials['password'] ?? null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
    if (str_starts_with($dsn, 'sqlite:')) {
        $pdo->query('PRAGMA journal_mode = WAL')->fetchAll();
    }
    return $pdo;
}

/** TagAwareAdapter(PdoAdapter) on its own connection; a fill is one transaction, as the floor's. */
function stores_sf_pdo_subject(PDO $pdo, ?string $dir = null): Subject
{
    $items = new PdoAdapter($pdo, 'bench', 0, [], new DefaultMarshaller(false));
    $items->createTable();
    $s = symfony_subject('Symfony TagAwareAdapter(PdoAdapter)', new TagAwareAdapter($items), [
        'close' => static function () use ($items, $dir): void {
            $items->clear();
            if ($dir !== null) {
                bench_rmdir($dir);
            }
        },
    ]);
    $fill = $s->fill;
    $s->fill = static function (array $entries) use ($pdo, $fill): void {
        $pdo->beginTransaction();
        $fill($entries);
        $pdo->commit();
    };
    return $s;
}

function stores_sf_memcached_subject(int $port): Subject
{
    $client = MemcachedAdapter::createConnection("memcached://127.0.0.1:$port");
    $items = new MemcachedAdapter($client, 'bench', 0, new DefaultMarshaller(false));
    return symfony_subject('Symfony TagAwareAdapter(MemcachedAdapter)', new TagAwareAdapter($items), [
        'close' => static function () use ($client): void {
            $client->flush();
        },
    ]);
}

/**
 * The PDO floor: an entry table keyed by id and a tag table keyed by (id, tag) with an index on
 * tag (the flush's lookup by tag reads only that index; deletes by id go through the key). get: a prepared SELECT by primary key; set: in one transaction, REPLACE of the entry,
 * DELETE of its old tag rows, INSERT of its 3 tag rows; flushByTag: in one transaction, SELECT of
 * the tag's ids, DELETE of those entries and of their tag rows. A fill is one transaction with
 * multi-row statements.
 */
function floor_pdo_subject(PDO $pdo, ?string $dir = null): Subject
{
    $mysql = $pdo->getAttribute(PDO::ATTR_DRIVER_NAME) === 'mysql';
    $blob = $mysql ? 'LONGBLOB' : 'BLOB';
    $engine = $mysql ? ' ENGINE=InnoDB' : '';
    $pdo->exec("CREATE TABLE floor_entries (id VARCHAR(250) NOT NULL PRIMARY KEY, content $blob NOT NULL, expires INTEGER NOT NULL)$engine");
    $pdo->exec("CREATE TABLE floor_tags (tag VARCHAR(250) NOT NULL, id VARCHAR(250) NOT NULL, PRIMARY KEY (id, tag))$engine");
    $pdo->exec('CREATE INDEX floor_tags_tag ON floor_tags (tag)');
    $select = $pdo->prepare('SELECT content FROM floor_entries WHERE id = ?');
    $replace = $pdo->prepare('REPLACE INTO floor_entries (id, content, expires) VALUES (?, ?, 0)');
    $untag = $pdo->prepare('DELETE FROM floor_tags WHERE id = ?');
    $tag = $pdo->prepare('INSERT INTO floor_tags (tag, id) VALUES (?, ?)');
    $byTag = $pdo->prepare('SELECT id FROM floor_tags WHERE tag = ?');
    return new Subject(
        name: 'floor: PDO statements (' . $pdo->getAttribute(PDO::ATTR_DRIVER_NAME) . ')',
        kind: 'floor',
        set: static function (string $k, string $v, array $tags) use ($pdo, $replace, $untag, $tag): void {
            $pdo->beginTransaction();
            $replace->execute([$k, serialize($v)]);
            $untag->execute([$k]);
            foreach ($tags as $t) {
                $tag->execute([$t, $k]);
            }
            $pdo->commit();
        },
        get: static function (string $k) use ($select) {
            $select->execute([$k]);
            $s = $select->fetchColumn();
            $select->closeCursor();
            return $s === false ? false : unserialize($s);
        },
        flushByTag: static function (string $t, array $keys) use ($pdo, $byTag): int {
            $pdo->beginTransaction();
            $byTag->execute([$t]);
            $ids = $byTag->fetchAll(PDO::FETCH_COLUMN);
            $n = 0;
            if ($ids) {
                $in = implode(',', array_fill(0, count($ids), '?'));
                $del = $pdo->prepare("DELETE FROM floor_entries WHERE id IN ($in)");
                $del->execute($ids);
                $n = $del->rowCount();
                $pdo->prepare("DELETE FROM floor_tags WHERE id IN ($in)")->execute($ids);
            }
            $pdo->commit();
            return $n;
        },
        fill: static function (array $entries) use ($pdo): void {
            $rows = [];
            $tagRows = [];
            foreach ($entries as $k => [$v, $tags]) {
                array_push($rows, $k, serialize($v));
                foreach ($tags as $t) {
                    array_push($tagRows, $t, $k);
                }
            }
            $pdo->beginTransaction();
            $pdo->prepare('REPLACE INTO floor_entries (id, content, expires) VALUES ' . implode(',', array_fill(0, count($rows) / 2, '(?, ?, 0)')))->execute($rows);
            if ($tagRows) {
                $pdo->prepare('INSERT INTO floor_tags (tag, id) VALUES ' . implode(',', array_fill(0, count($tagRows) / 2, '(?, ?)')))->execute($tagRows);
            }
            $pdo->commit();
        },
        close: static function () use ($pdo, $dir): void {
            $pdo->exec('DROP TABLE floor_tags');
            $pdo->exec('DROP TABLE floor_entries');
            if ($dir !== null) {
                bench_rmdir($dir);
            }
        },
    );
}

/**
 * The memcached floor: the round trips a tag-version design needs, without its checks. get: one
 * get of the entry; set with 3 tags: a getMulti of the 3 tags' version keys, then a set of the
 * entry holding the value and those versions; flushByTag: one increment of the tag's version key
 * (what a tag-version flush is; the floor's get does not compare versions, so its flushed entries
 * are not checked). A fill is setMulti. (deleteMulti of the 10 identifiers is no floor: the
 * extension sends the deletes one round trip after another, about 10 times a get.)
 */
function floor_memcached_subject(int $port): Subject
{
    $m = new Memcached();
    $m->setOption(Memcached::OPT_TCP_NODELAY, true);
    $m->addServer('127.0.0.1', $port);
    $m->setMulti(['floor:tag:t1' => 1, 'floor:tag:t2' => 1, 'floor:tag:t3' => 1]);
    return new Subject(
        name: 'floor: memcached extension get / getMulti + set / increment',
        kind: 'floor',
        set: static function (string $k, string $v, array $tags) use ($m): void {
            $versions = $m->getMulti(array_map(static fn ($t) => "floor:tag:$t", $tags));
            if (!$m->set("floor:$k", serialize([$v, $versions]))) {
                throw new RuntimeException('memcached set failed: ' . $m->getResultMessage());
            }
        },
        get: static function (string $k) use ($m) {
            $s = $m->get("floor:$k");
            return $s === false ? false : unserialize($s)[0];
        },
        flushByTag: static function (string $t, array $keys) use ($m): void {
            $m->increment("floor:tag:$t"); // false when the counter is missing: still the one round trip
        },
        fill: static function (array $entries) use ($m): void {
            foreach (array_chunk($entries, 1000, true) as $chunk) {
                $items = [];
                foreach ($chunk as $k => [$v]) {
                    $items["floor:$k"] = serialize([$v, []]);
                }
                $m->setMulti($items);
            }
        },
        close: static function () use ($m): void {
            $m->flush();
        },
    );
}
