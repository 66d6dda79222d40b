--TEST--
Frontend: flushByTag/flushByTags/getByTag on a backend without tags throw NotSupportedByBackendException
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\SimpleFileBackend;
use TagCache\Frontend\VariableFrontend;

class PlainBackend implements TagCache\Backend\BackendInterface {
    public function setCache(TagCache\Frontend\FrontendInterface $cache): void {}
    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}
    public function get(string $entryIdentifier): string|false { return false; }
    public function has(string $entryIdentifier): bool { return false; }
    public function remove(string $entryIdentifier): bool { return false; }
    public function flush(): void {}
    public function collectGarbage(): void {}
}

$simple = new VariableFrontend('nontag', new SimpleFileBackend(['cacheDirectory' => tc_tmpdir()]));
$simple->set('a', 1);
tc_expect_exception(fn() => $simple->flushByTag('t'));
tc_expect_exception(fn() => $simple->flushByTags(['t']));
tc_expect_exception(fn() => $simple->getByTag('t'));
var_dump($simple->get('a'));

$plain = new VariableFrontend('plain', new PlainBackend());
tc_expect_exception(fn() => $plain->flushByTag('t'));
tc_expect_exception(fn() => $plain->getByTag('t'));
?>
--EXPECT--
NotSupportedByBackendException: flushByTags() needs a backend with tags, but cache "nontag" uses TagCache\Backend\SimpleFileBackend
NotSupportedByBackendException: flushByTags() needs a backend with tags, but cache "nontag" uses TagCache\Backend\SimpleFileBackend
NotSupportedByBackendException: getByTag() needs a backend with tags, but cache "nontag" uses TagCache\Backend\SimpleFileBackend
int(1)
NotSupportedByBackendException: flushByTags() needs a backend with tags, but cache "plain" uses PlainBackend
NotSupportedByBackendException: getByTag() needs a backend with tags, but cache "plain" uses PlainBackend
