--TEST--
PageCache under php-fpm: MISS then HIT without running the application, query order and ignored parameters, tag flushes, URL listing, 304
--SKIPIF--
<?php require __DIR__ . '/page_helpers.inc'; tc_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/page_helpers.inc';
$fpm = tc_fpm_start(2);
$dir = page_app();

$a = page_request($fpm, $dir, 'a=1&b=2&tags=product-7,list');
echo $a['status'], ' ', $a['headers']['x-page'], ' runs=', page_runs($dir), "\n";
$b = page_request($fpm, $dir, 'a=1&b=2&tags=product-7,list');
echo $b['status'], ' ', $b['headers']['x-page'], ' runs=', page_runs($dir), ' same=', var_export($a['body'] === $b['body'], true), "\n";
echo 'content-type kept: ', $b['headers']['content-type'], "\n";

// another order of the same query, and tracking parameters: the same page
$c = page_request($fpm, $dir, 'tags=product-7,list&b=2&a=1&utm_source=x&fbclid=y');
echo $c['headers']['x-page'], ' runs=', page_runs($dir), ' same=', var_export($a['body'] === $c['body'], true), "\n";
// a different query: another page
$d = page_request($fpm, $dir, 'a=2&b=2&tags=product-7,list');
echo $d['headers']['x-page'], ' runs=', page_runs($dir), "\n";

// 304 on the ETag
$etag = $b['headers']['etag'] ?? '';
echo 'etag: ', preg_match('/^"[0-9a-f]{32}"$/', $etag) ? 'generated' : "missing ($etag)", "\n";
$e = page_request($fpm, $dir, 'a=1&b=2&tags=product-7,list', ['If-None-Match' => $etag]);
echo $e['status'], ' body=', strlen($e['body']), ' runs=', page_runs($dir), "\n";
$e = page_request($fpm, $dir, 'a=1&b=2&tags=product-7,list', ['If-None-Match' => '"other"']);
echo $e['status'], ' body=', $e['body'] === $a['body'] ? 'same' : 'differs', "\n";

// listing and flushing by tag
$pc = page_cache($dir);
$urls = $pc->getUrlsByTag('product-7');
sort($urls);
print_r($urls);
echo 'flushed urls: ', implode(' ', $pc->flushByTagReturningUrls('list')), "\n";
$f = page_request($fpm, $dir, 'a=1&b=2&tags=product-7,list');
echo $f['headers']['x-page'], ' runs=', page_runs($dir), "\n";

// flushUrl removes the page whatever the order of its query
page_request($fpm, $dir, 'x=1');
echo page_request($fpm, $dir, 'x=1')['headers']['x-page'], "\n";
echo 'flushUrl: ', $pc->flushUrl('http://shop.test/index.php?x=1&utm_medium=mail'), "\n";
echo page_request($fpm, $dir, 'x=1')['headers']['x-page'], "\n";

// flush(): every page
echo page_request($fpm, $dir, 'a=2&b=2&tags=product-7,list')['headers']['x-page'], "\n";
$pc->flush();
echo page_request($fpm, $dir, 'a=2&b=2&tags=product-7,list')['headers']['x-page'], "\n";
echo 'errors: ', trim((string)@file_get_contents($fpm['dir'] . '/php-errors.log')), "\n";
tc_fpm_stop($fpm);
tc_rmdir($dir);
?>
--EXPECT--
200 MISS runs=1
200 HIT runs=1 same=true
content-type kept: text/html; charset=UTF-8
HIT runs=1 same=true
MISS runs=2
etag: generated
304 body=0 runs=2
200 body=same
Array
(
    [0] => http://shop.test/index.php?a=1&b=2&tags=product-7,list
    [1] => http://shop.test/index.php?a=2&b=2&tags=product-7,list
)
flushed urls: http://shop.test/index.php?a=1&b=2&tags=product-7,list http://shop.test/index.php?a=2&b=2&tags=product-7,list
MISS runs=3
HIT
flushUrl: 1
MISS
MISS
MISS
errors: 
