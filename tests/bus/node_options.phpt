--TEST--
Bus Node: every bad constructor argument and option is refused with a message naming the value and the rule
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Bus\{Bus, Node};

$bus = new Bus(['port' => tc_reserved_port()]);   // never connected: a Node connects on poll()
$m = new TagCache\CacheManager();
$cases = [
    'empty name'        => fn() => new Node($bus, ''),
    'long name'         => fn() => new Node($bus, str_repeat('n', 65)),
    'name with space'   => fn() => new Node($bus, 'a b'),
    'name with NUL'     => fn() => new Node($bus, "a\0b"),
    'manager type'      => fn() => new Node($bus, 'n', new stdClass()),
    'proxy not string'  => fn() => new Node($bus, 'n', $m, [8080]),
    'proxy with NUL'    => fn() => new Node($bus, 'n', $m, ["127.0.0.1:80\0x"]),
    'proxy bad form'    => fn() => new Node($bus, 'n', $m, ['not a proxy']),
    'proxy twice'       => fn() => new Node($bus, 'n', $m, ['127.0.0.1:80', '127.0.0.1:80']),
    'proxies keyed'     => fn() => new Node($bus, 'n', $m, ['a' => '127.0.0.1:80']),
    'unknown option'    => fn() => new Node($bus, 'n', $m, [], ['batchsize' => 5]),
    'batchSize 0'       => fn() => new Node($bus, 'n', $m, [], ['batchSize' => 0]),
    'batchSize 10001'   => fn() => new Node($bus, 'n', $m, [], ['batchSize' => 10001]),
    'batchSize string'  => fn() => new Node($bus, 'n', $m, [], ['batchSize' => '5']),
    'sources string'    => fn() => new Node($bus, 'n', $m, [], ['sources' => 'app']),
    'sources ids map'   => fn() => new Node($bus, 'n', $m, [], ['sources' => ['app' => 'Cache']]),
    'sources empty id'  => fn() => new Node($bus, 'n', $m, [], ['sources' => ['app' => ['']]]),
    'sources * mixed'   => fn() => new Node($bus, 'n', $m, [], ['sources' => ['app' => ['*', 'Cache']]]),
    'proxyOptions type' => fn() => new Node($bus, 'n', $m, [], ['proxyOptions' => 'x']),
    'proxyOptions bad'  => fn() => new Node($bus, 'n', $m, ['127.0.0.1:80'], ['proxyOptions' => ['tagMode' => 'nope']]),
    'retryDelay 0'      => fn() => new Node($bus, 'n', $m, [], ['retryDelay' => 0]),
    'retryDelay NAN'    => fn() => new Node($bus, 'n', $m, [], ['retryDelay' => NAN]),
    'maxRetryDelay low' => fn() => new Node($bus, 'n', $m, [], ['retryDelay' => 5, 'maxRetryDelay' => 2]),
    'maxRetryDelay low, other order' => fn() => new Node($bus, 'n', $m, [], ['maxRetryDelay' => 2, 'retryDelay' => 5]),
    'maxAge negative'   => fn() => new Node($bus, 'n', $m, [], ['maxAge' => -1]),
    'gapBan int'        => fn() => new Node($bus, 'n', $m, [], ['gapBan' => 1]),
    'gapBan string'     => fn() => new Node($bus, 'n', $m, [], ['gapBan' => 'false']),
    'poll timeout'      => fn() => (new Node($bus, 'n', $m))->poll(-1),
];
foreach ($cases as $label => $fn) {
    echo "$label: ";
    tc_expect_exception($fn);
}
// valid: a retryDelay above the default maxRetryDelay raises it
$n = new Node($bus, 'a.b:c-d_9', $m, ['127.0.0.1:80'], ['retryDelay' => 120, 'sources' => ['app' => ['*'], 7 => ['Cache']], 'batchSize' => 10000, 'gapBan' => false]);
var_dump($n->getName());
?>
--EXPECTF--
empty name: InvalidArgumentException: Node name "" must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -
long name: InvalidArgumentException: Node name "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -
name with space: InvalidArgumentException: Node name "a b" must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -
name with NUL: InvalidArgumentException: Node name "(contains a NUL byte)" must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -
manager type: TypeError: TagCache\Bus\Node::__construct(): Argument #3 ($manager) must be of type ?TagCache\CacheManager, stdClass given
proxy not string: InvalidArgumentException: Node proxy must be a "host:port" string (1 to 255 bytes, no NUL), got int
proxy with NUL: InvalidArgumentException: Node proxy must be a "host:port" string (1 to 255 bytes, no NUL), got a string breaking that rule
proxy bad form: InvalidArgumentException: %s
proxy twice: InvalidArgumentException: Node proxy "127.0.0.1:80" is listed twice
proxies keyed: InvalidArgumentException: Node proxies must be a list of "host:port" strings, got an array with keys
unknown option: InvalidArgumentException: Node has no option "batchsize"; known options: sources, batchSize, proxyOptions, retryDelay, maxRetryDelay, maxAge, gapBan
batchSize 0: InvalidArgumentException: Node option "batchSize" must be an integer from 1 to 10000, got 0
batchSize 10001: InvalidArgumentException: Node option "batchSize" must be an integer from 1 to 10000, got 10001
batchSize string: InvalidArgumentException: Node option "batchSize" must be an integer from 1 to 10000, got string
sources string: InvalidArgumentException: Node option "sources" must be an array of application => list of cache identifiers or ["*"], got string
sources ids map: InvalidArgumentException: Node option "sources" of application "app" must be a list of cache identifiers or ["*"], got string
sources empty id: InvalidArgumentException: Node option "sources" of application "app": each cache identifier must be a non-empty string without NUL, got "" or a string with a NUL byte
sources * mixed: InvalidArgumentException: Node option "sources" of application "app": "*" (every cache) must be alone in its list
proxyOptions type: InvalidArgumentException: Node option "proxyOptions" must be an array of VarnishClient options, got string
proxyOptions bad: InvalidArgumentException: VarnishClient option "tagMode" must be "ban" or "xkey", got nope
retryDelay 0: InvalidArgumentException: Node option "retryDelay" must be a number of seconds > 0, got 0
retryDelay NAN: InvalidArgumentException: Node option "retryDelay" must be a number of seconds > 0, got NAN
maxRetryDelay low: InvalidArgumentException: Node option "maxRetryDelay" must be a number of seconds >= retryDelay (5), got 2
maxRetryDelay low, other order: InvalidArgumentException: Node option "maxRetryDelay" must be a number of seconds >= retryDelay (5), got 2
maxAge negative: InvalidArgumentException: Node option "maxAge" must be a number of seconds > 0, got -1
gapBan int: InvalidArgumentException: Node option "gapBan" must be true or false, got int
gapBan string: InvalidArgumentException: Node option "gapBan" must be true or false, got string
poll timeout: ValueError: TagCache\Bus\Node::poll(): Argument #1 ($timeout) must be a number of seconds from 0 to 86400
string(9) "a.b:c-d_9"
