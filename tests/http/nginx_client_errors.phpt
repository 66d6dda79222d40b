--TEST--
NginxClient: bad proxies, options and URLs are refused naming the value and the rule; invalidateTags() refuses; no clone, serialize or second construction
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Http\NginxClient;
function t(callable $f) {
    try { $f(); echo "no exception\n"; }
    catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
}
echo "-- proxies\n";
t(fn() => new NginxClient([]));
t(fn() => new NginxClient(['127.0.0.1']));  // port 80 is fine: no exception
t(fn() => new NginxClient(['127.0.0.1:0']));
t(fn() => new NginxClient(['127.0.0.1:']));
t(fn() => new NginxClient(["127.0.0.1:80\r\nX: y"]));
t(fn() => new NginxClient(['https://127.0.0.1:80']));
t(fn() => new NginxClient([80]));
echo "-- options\n";
t(fn() => new NginxClient(['127.0.0.1:80'], ['purgeMethod' => 'PUR GE']));
t(fn() => new NginxClient(['127.0.0.1:80'], ['purgeLocation' => 'purge']));
t(fn() => new NginxClient(['127.0.0.1:80'], ['purgeLocation' => '/purge/']));
t(fn() => new NginxClient(['127.0.0.1:80'], ['purgeLocation' => '/pu rge']));
t(fn() => new NginxClient(['127.0.0.1:80'], ['refreshHeader' => 'X:Y']));
t(fn() => new NginxClient(['127.0.0.1:80'], ['host' => "a\nb"]));
t(fn() => new NginxClient(['127.0.0.1:80'], ['host' => "a\0b"]));
t(fn() => new NginxClient(['127.0.0.1:80'], ['timeout' => 0]));
t(fn() => new NginxClient(['127.0.0.1:80'], ['maxConnections' => 'many']));
t(fn() => new NginxClient(['127.0.0.1:80'], ['tagMode' => 'xkey']));
t(fn() => new NginxClient(['127.0.0.1:80'], [5]));
echo "-- URLs\n";
$c = new NginxClient(['127.0.0.1:80']);
t(fn() => $c->purge(''));
t(fn() => $c->purge("/a\r\nX-Injected: 1"));
t(fn() => $c->purge('/a b'));
t(fn() => $c->purge('page'));
t(fn() => $c->purge('ftp://host/a'));
t(fn() => $c->purge('http://user@host/a'));
t(fn() => $c->refresh("/a\0"));
echo "queued ", $c->getQueueSize(), "\n";
echo "-- tags\n";
t(fn() => $c->invalidateTags(['post-1']));
var_dump((new ReflectionClass(TagCache\NotSupportedByBackendException::class))->isSubclassOf(LogicException::class));
echo "-- hostile\n";
t(fn() => clone $c);
t(fn() => serialize($c));
t(fn() => unserialize('O:25:"TagCache\Http\NginxClient":0:{}'));
t(fn() => (new ReflectionClass(NginxClient::class))->newInstanceWithoutConstructor());
t(fn() => $c->__construct(['127.0.0.1:81']));
echo "still usable: ", $c->purge('/ok')->getQueueSize(), "\n";
var_dump((new ReflectionClass(NginxClient::class))->isFinal());
?>
--EXPECTF--
-- proxies
TagCache\InvalidArgumentException: NginxClient needs at least one proxy "host:port"
no exception
TagCache\InvalidArgumentException: NginxClient proxy "127.0.0.1:0" is not "host:port", "[ipv6]:port" or "http://host:port" with a port from 1 to 65535
TagCache\InvalidArgumentException: NginxClient proxy "127.0.0.1:" is not "host:port", "[ipv6]:port" or "http://host:port" with a port from 1 to 65535
TagCache\InvalidArgumentException: NginxClient proxy "127.0.0.1:80\r\nX: y" is not "host:port", "[ipv6]:port" or "http://host:port" with a port from 1 to 65535
TagCache\InvalidArgumentException: NginxClient proxy "https://127.0.0.1:80" is not "host:port", "[ipv6]:port" or "http://host:port" with a port from 1 to 65535
TagCache\InvalidArgumentException: NginxClient proxy must be a string "host:port", got int
-- options
TagCache\InvalidArgumentException: NginxClient option: purge method "PUR GE" is not an HTTP method: one or more letters, digits or !#$%&'*+-.^_`|~ (e.g. "PURGE")
TagCache\InvalidArgumentException: NginxClient option: purge location "purge" must be a path such as "/purge": starting with "/", not ending with "/", without blanks, control characters, "?" or "#"
TagCache\InvalidArgumentException: NginxClient option: purge location "/purge/" must be %s
TagCache\InvalidArgumentException: NginxClient option: purge location "/pu rge" must be %s
TagCache\InvalidArgumentException: NginxClient option: header name "X:Y" is invalid: %s
TagCache\InvalidArgumentException: NginxClient option: host "a\nb" is not a Host header: a host name with an optional port, without blanks, control characters or "/"
TagCache\InvalidArgumentException: NginxClient option "host" must be a string without NUL bytes, got one with a NUL byte
TagCache\InvalidArgumentException: NginxClient option "timeout" must be a number of seconds > 0 and <= 600, got a number out of range
TagCache\InvalidArgumentException: NginxClient option "maxConnections" must be an integer from 1 to 4096, got string
TagCache\InvalidArgumentException: NginxClient has no option "tagMode"; known options: purgeMethod, purgeLocation, refreshHeader, host, connectTimeout, timeout, maxConnections
TagCache\InvalidArgumentException: NginxClient has no option "(numeric key)"; known options: %s
-- URLs
TagCache\InvalidArgumentException: URL must not be empty
TagCache\InvalidArgumentException: URL "/a\r\nX-Injected: 1" contains a carriage return (CR) at byte 2: %s
TagCache\InvalidArgumentException: URL "/a b" contains a blank at byte 2: %s
TagCache\InvalidArgumentException: URL "page" is neither a path starting with "/" nor an http:// URL
TagCache\InvalidArgumentException: URL "ftp://host/a" has the scheme "ftp": only http:// URLs or paths can be purged
TagCache\InvalidArgumentException: URL "http://user@host/a" carries user information, which a purge cannot use
TagCache\InvalidArgumentException: URL "/a\0" contains a NUL byte at byte 2: %s
queued 0
-- tags
TagCache\NotSupportedByBackendException: NginxClient cannot invalidate tags: nginx's cache knows a page by its key (host and path) only and has no tag invalidation; purge the URLs of the pages the tags touched with purge() instead
bool(true)
-- hostile
Error: Trying to clone an uncloneable object of class TagCache\Http\NginxClient
Exception: Serialization of 'TagCache\Http\NginxClient' is not allowed
Exception: Unserialization of 'TagCache\Http\NginxClient' is not allowed
ReflectionException: Class TagCache\Http\NginxClient is an internal class marked as final that cannot be instantiated without invoking its constructor
Error: NginxClient is already constructed
still usable: 1
bool(true)
