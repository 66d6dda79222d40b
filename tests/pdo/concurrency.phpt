--TEST--
PdoBackend, concurrent writers (child processes) on SQLite, MariaDB and PostgreSQL: random sets, removals, flushes by tag and garbage collection never leave an entry with part of its tags, nor tag rows of entries that are gone
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/pdo_helpers.inc';
tc_pdo_skipif('sqlite');
tc_pdo_skipif('mariadb');
tc_pdo_skipif('pgsql');
if (getenv('USE_ZEND_ALLOC') === '0') die('skip spawns writers and database servers: too slow under valgrind');
?>
--FILE--
<?php
require __DIR__ . '/pdo_helpers.inc';
require __DIR__ . '/../reliability/reliability_helpers.inc';

$seed = (int)(getenv('TC_SEED') ?: random_int(1, 1 << 30));
echo "seed $seed (replay: TC_SEED=$seed)\n";
const WRITERS = 4;
define('ITERATIONS', (int)(getenv('TC_ITER') ?: 120));

function run_writers(string $label, array $options, PDO $look): void
{
    global $seed;
    $cache = new TagCache\Frontend\VariableFrontend('Shared', new TagCache\Backend\PdoBackend($options));
    $backend = $cache->getBackend();
    $cache->flush();
    $children = [];
    for ($w = 0; $w < WRITERS; $w++) {
        $children[] = tc_spawn(__DIR__ . '/concurrency_child.inc', [json_encode($options), $seed + $w, ITERATIONS, $w]);
    }
    $done = 0;
    foreach ($children as $child) {
        [$out, $err, $status] = tc_reap($child);
        if ($status === 0 && preg_match('/^done \d+$/', trim($out)) && $err === '') {
            $done++;
        } else {
            echo "$label child failed ($status): $out $err\n";
        }
    }
    // every live entry is carried by exactly the tags its value lists
    $carried = [];
    foreach (range(0, 5) as $t) {
        foreach ($backend->findIdentifiersByTag("t$t") as $id) {
            $carried[$id][] = "t$t";
        }
    }
    $bad = 0;
    $live = 0;
    foreach (range(0, 7) as $k) {
        $v = $cache->get("k$k");
        if ($v === false) {
            $bad += isset($carried["k$k"]) ? 1 : 0;
            continue;
        }
        $live++;
        if ($v['tags'] !== ($carried["k$k"] ?? [])) {
            $bad++;
            echo "$label k$k by {$v['by']}: value lists [", implode(',', $v['tags']), '], tags carry [', implode(',', $carried["k$k"] ?? []), "]\n";
        }
    }
    $orphans = (int)$look->query("SELECT COUNT(*) FROM tags t WHERE t.cache = 'default:Shared' AND NOT EXISTS "
        . "(SELECT 1 FROM cache e WHERE e.cache = t.cache AND e.identifier = t.identifier)")->fetchColumn();
    echo "$label: $done of ", WRITERS, " writers done, ", $bad === 0 ? 'every entry carries exactly its tags' : "$bad entries inconsistent",
        ", orphan tag rows: $orphans", $live > 0 || $done < WRITERS ? '' : ' (no entry left to check)', "\n";
    $cache->flush();
}

$dir = tc_tmpdir('pdo-conc');
run_writers('sqlite', ['dataSourceName' => "sqlite:$dir/c.sqlite"], new PDO("sqlite:$dir/c.sqlite"));
foreach (['mariadb', 'pgsql'] as $kind) {
    $server = tc_pdo_start($kind);
    $options = tc_pdo_options($server);
    (new TagCache\Backend\PdoBackend($options))->setup();
    run_writers($kind, $options, tc_pdo_user($server));
    tc_pdo_stop($server);
}
?>
--EXPECTF--
seed %d (replay: TC_SEED=%d)
sqlite: 4 of 4 writers done, every entry carries exactly its tags, orphan tag rows: 0
mariadb: 4 of 4 writers done, every entry carries exactly its tags, orphan tag rows: 0
pgsql: 4 of 4 writers done, every entry carries exactly its tags, orphan tag rows: 0
