--TEST--
PageCache under php-fpm: what is not stored (Set-Cookie, private, no-store, errors, Vary), per-user headers dropped, two sessions apart, lifetime expiry, POST, headers-only entries
--SKIPIF--
<?php require __DIR__ . '/page_helpers.inc'; tc_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/page_helpers.inc';
$fpm = tc_fpm_start(2, ['session.save_path' => sys_get_temp_dir()]);
$dir = page_app();
$twice = function (string $query, array $headers = []) use ($fpm, $dir): string {
    $before = page_runs($dir);
    page_request($fpm, $dir, $query, $headers);
    $r = page_request($fpm, $dir, $query, $headers);
    return $r['headers']['x-page'] . ' (ran ' . (page_runs($dir) - $before) . 'x)';
};
foreach (['cookie', 'private', 'nostore', 'error', 'vary'] as $mode) {
    echo "$mode: ", $twice("mode=$mode"), "\n";
}
echo 'plain: ', $twice('mode=plain'), "\n";

// per-user headers are never replayed
page_request($fpm, $dir, 'mode=security');
$r = page_request($fpm, $dir, 'mode=security');
echo 'security: ', $r['headers']['x-page'], ' authentication-info=', isset($r['headers']['authentication-info']) ? 'replayed' : 'dropped',
    ' clear-site-data=', isset($r['headers']['clear-site-data']) ? 'replayed' : 'dropped',
    ' x-kept=', $r['headers']['x-kept'] ?? 'missing', "\n";

// user-based pages: each session its own entry, visitors one of their own
$s1 = page_request($fpm, $dir, 'mode=user', ['Cookie' => 'PHPSESSID=aaaaaaaaaaaaaaaaaaaaaaaaaa']);
$s2 = page_request($fpm, $dir, 'mode=user', ['Cookie' => 'PHPSESSID=bbbbbbbbbbbbbbbbbbbbbbbbbb']);
$v = page_request($fpm, $dir, 'mode=user');
$s1b = page_request($fpm, $dir, 'mode=user', ['Cookie' => 'PHPSESSID=aaaaaaaaaaaaaaaaaaaaaaaaaa']);
$s2b = page_request($fpm, $dir, 'mode=user', ['Cookie' => 'PHPSESSID=bbbbbbbbbbbbbbbbbbbbbbbbbb']);
$vb = page_request($fpm, $dir, 'mode=user');
foreach (['s1' => [$s1, $s1b], 's2' => [$s2, $s2b], 'visitor' => [$v, $vb]] as $who => [$x, $y]) {
    echo "$who: ", $x['headers']['x-page'], ' ', $y['headers']['x-page'], ' ', strtok($y['body'], "\n"),
        ' same=', var_export($x['body'] === $y['body'], true), "\n";
}
echo 's1 and s2 differ: ', var_export($s1b['body'] !== $s2b['body'], true), "\n";
$pc = page_cache($dir);
echo 'flushUser(s1): ', $pc->flushUser('aaaaaaaaaaaaaaaaaaaaaaaaaa'), "\n";
echo 's1: ', page_request($fpm, $dir, 'mode=user', ['Cookie' => 'PHPSESSID=aaaaaaaaaaaaaaaaaaaaaaaaaa'])['headers']['x-page'], "\n";
echo 's2: ', page_request($fpm, $dir, 'mode=user', ['Cookie' => 'PHPSESSID=bbbbbbbbbbbbbbbbbbbbbbbbbb'])['headers']['x-page'], "\n";

// a lifetime of 1 s: the page turns into a miss (polled, no time asserted)
page_request($fpm, $dir, 'mode=short');
echo 'short: ', page_request($fpm, $dir, 'mode=short')['headers']['x-page'], "\n";
for ($i = 0; $i < 100; $i++) {
    usleep(100000);
    if (($status = page_request($fpm, $dir, 'mode=short')['headers']['x-page']) === 'MISS') {
        break;
    }
}
echo 'short later: ', $status, "\n";

// POST is not cached unless cachePost
page_request($fpm, $dir, '', [], 'POST', 'q=1');
$r = page_request($fpm, $dir, '', [], 'POST', 'q=1');
echo 'post: ', $r['headers']['x-page'] ?? 'no header (bypass)', "\n";
$dir2 = page_app(['cachePost' => true]);
page_request($fpm, $dir2, '', [], 'POST', 'b=2&a=1');
echo 'post cached: ', page_request($fpm, $dir2, '', [], 'POST', 'a=1&b=2')['headers']['x-page'],
    ' other body: ', page_request($fpm, $dir2, '', [], 'POST', 'a=1&b=3')['headers']['x-page'], "\n";

// headers-only entries (a redirect)
page_request($fpm, $dir, 'mode=redirect');
$r = page_request($fpm, $dir, 'mode=redirect');
echo 'redirect: ', $r['status'], ' ', $r['headers']['x-page'], ' ', $r['headers']['location'], "\n";
echo 'flushHeadersOnly: ', $pc->flushHeadersOnly(), "\n";
echo 'redirect: ', page_request($fpm, $dir, 'mode=redirect')['headers']['x-page'], "\n";
echo 'plain kept: ', page_request($fpm, $dir, 'mode=plain')['headers']['x-page'], "\n";
echo 'errors: ', trim((string)@file_get_contents($fpm['dir'] . '/php-errors.log')), "\n";
tc_fpm_stop($fpm);
tc_rmdir($dir);
tc_rmdir($dir2);
?>
--EXPECT--
cookie: MISS (ran 2x)
private: MISS (ran 2x)
nostore: MISS (ran 2x)
error: MISS (ran 2x)
vary: MISS (ran 2x)
plain: HIT (ran 1x)
security: HIT authentication-info=dropped clear-site-data=dropped x-kept=yes
s1: MISS HIT user=aaaaaaaaaaaaaaaaaaaaaaaaaa same=true
s2: MISS HIT user=bbbbbbbbbbbbbbbbbbbbbbbbbb same=true
visitor: MISS HIT user=visitor same=true
s1 and s2 differ: true
flushUser(s1): 1
s1: MISS
s2: HIT
short: HIT
short later: MISS
post: no header (bypass)
post cached: HIT other body: MISS
redirect: 301 HIT /elsewhere
flushHeadersOnly: 1
redirect: MISS
plain kept: HIT
errors: 
