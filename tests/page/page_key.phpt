--TEST--
PageCache key: query order, ignored parameters, method, scheme, host, locale, device, user variants
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
$dir = tc_tmpdir('pagekey');
function req(array $server): void
{
    $_SERVER = $server + ['REQUEST_METHOD' => 'GET', 'HTTP_HOST' => 'shop.test', 'REQUEST_URI' => '/p?a=1&b=2', 'QUERY_STRING' => 'a=1&b=2'];
}
function key_of(array $server, array $options = [], bool $user = false, array $cookies = []): string
{
    global $dir;
    req($server);
    $_COOKIE = $cookies;
    $pc = new TagCache\Page\PageCache(null, ['cacheDirectory' => "$dir/c"] + $options);
    return $pc->getKey($user);
}
$base = key_of([]);
echo 'format: ', preg_match('/^tcpage_[0-9a-f]{64}$/', $base), "\n";
$same = fn(array $s, array $o = []) => key_of($s, $o) === $base ? 'same' : 'differs';
echo 'query order: ', $same(['REQUEST_URI' => '/p?b=2&a=1', 'QUERY_STRING' => 'b=2&a=1']), "\n";
echo 'utm/fbclid/gclid: ', $same(['QUERY_STRING' => 'a=1&utm_source=n&b=2&fbclid=x&gclid=y']), "\n";
echo 'other value: ', $same(['QUERY_STRING' => 'a=1&b=3']), "\n";
echo 'own ignore list: ', key_of(['QUERY_STRING' => 'a=1&b=2&sid=9'], ['ignoredParameters' => ['s?d']]) === key_of([], ['ignoredParameters' => ['s?d']]) ? 'same' : 'differs', "\n";
echo 'utm not ignored then: ', key_of(['QUERY_STRING' => 'a=1&b=2&utm_x=1'], ['ignoredParameters' => []]) === key_of([], ['ignoredParameters' => []]) ? 'same' : 'differs', "\n";
echo 'HEAD: ', $same(['REQUEST_METHOD' => 'HEAD']), "\n";
echo 'https: ', $same(['HTTPS' => 'on']), "\n";
echo 'host case: ', $same(['HTTP_HOST' => 'SHOP.test']), "\n";
echo 'other host: ', $same(['HTTP_HOST' => 'other.test']), "\n";
echo 'path: ', $same(['REQUEST_URI' => '/q?a=1&b=2']), "\n";
echo 'mobile: ', $same(['HTTP_USER_AGENT' => 'Mozilla/5.0 (iPhone) Mobile']), "\n";
echo 'mobile, device off: ', key_of(['HTTP_USER_AGENT' => 'iPhone'], ['device' => false]) === key_of([], ['device' => false]) ? 'same' : 'differs', "\n";
echo 'device callable: ', key_of([], ['device' => fn() => 'tv']) === key_of([], ['device' => fn() => 'tv']) ? 'stable' : 'unstable', ' ',
    key_of([], ['device' => fn() => 'tv']) === key_of([], ['device' => fn() => 'watch']) ? 'same' : 'differs', "\n";
echo 'locale: ', key_of([], ['locale' => fn() => 'de']) === key_of([], ['locale' => fn() => 'fr']) ? 'same' : 'differs', "\n";
// fields are length-prefixed: moving bytes between fields gives another key
echo 'no concatenation collision: ', key_of(['HTTP_HOST' => 'ab', 'REQUEST_URI' => '/c']) === key_of(['HTTP_HOST' => 'a', 'REQUEST_URI' => 'b/c']) ? 'collide' : 'apart', "\n";

$secret = ['secret' => str_repeat('k', 32)];
$u1 = key_of([], $secret, true, ['PHPSESSID' => 'one']);
$u2 = key_of([], $secret, true, ['PHPSESSID' => 'two']);
$uv = key_of([], $secret, true);
echo 'user variants: ', count(array_unique([$base, key_of([], $secret), $u1, $u2, $uv])), " distinct\n";
echo 'user key stable: ', $u1 === key_of([], $secret, true, ['PHPSESSID' => 'one']) ? 'yes' : 'no', "\n";
echo 'other secret: ', $u1 === key_of([], ['secret' => str_repeat('j', 32)], true, ['PHPSESSID' => 'one']) ? 'same' : 'differs', "\n";
echo 'session name: ', key_of([], $secret + ['sessionName' => 'SID'], true, ['PHPSESSID' => 'one']) === $uv ? 'visitor' : 'session', "\n";
// without a secret option one is made once and kept in the storage
$k1 = key_of([], [], true, ['PHPSESSID' => 'one']);
echo 'stored secret: ', $k1 === key_of([], [], true, ['PHPSESSID' => 'one']) ? 'stable' : 'unstable', "\n";

req(['QUERY_STRING' => 'b=2&a=1&utm_campaign=z']);
$pc = new TagCache\Page\PageCache(null, ['cacheDirectory' => "$dir/c"]);
echo $pc->getUrl(), "\n";
echo 'status before serve: "', $pc->getStatus(), '"', "\n";
foreach (['PUT', 'DELETE', 'POST'] as $m) {
    req(['REQUEST_METHOD' => $m]);
    $pc = new TagCache\Page\PageCache(null, ['cacheDirectory' => "$dir/c"]);
    echo $m, ': ', var_export($pc->serve(), true), ' ', $pc->getStatus(), "\n";
}
req(['HTTP_AUTHORIZATION' => 'Basic eDp5']);
$pc = new TagCache\Page\PageCache(null, ['cacheDirectory' => "$dir/c"]);
echo 'credentials: ', var_export($pc->serve(), true), ' ', $pc->getStatus(), "\n";
try {
    key_of([], ['locale' => fn() => 42]);
} catch (TagCache\InvalidArgumentException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
tc_rmdir($dir);
?>
--EXPECT--
format: 1
query order: same
utm/fbclid/gclid: same
other value: differs
own ignore list: same
utm not ignored then: differs
HEAD: same
https: differs
host case: same
other host: differs
path: differs
mobile: differs
mobile, device off: same
device callable: stable differs
locale: differs
no concatenation collision: apart
user variants: 5 distinct
user key stable: yes
other secret: differs
session name: visitor
stored secret: stable
http://shop.test/p?a=1&b=2
status before serve: ""
PUT: false BYPASS
DELETE: false BYPASS
POST: false BYPASS
credentials: false BYPASS
TagCache\InvalidArgumentException: PageCache option "locale": the callable must return a string, int returned
