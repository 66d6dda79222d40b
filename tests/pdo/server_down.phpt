--TEST--
PdoBackend, the database server stops mid-test (MariaDB, PostgreSQL): every operation throws a clear BackendException, the backend reconnects once the server is back and nothing stored before is lost; a wrong password is never echoed
--EXTENSIONS--
tagcache
--SKIPIF--
<?php
require __DIR__ . '/pdo_helpers.inc';
tc_pdo_skipif('mariadb');
tc_pdo_skipif('pgsql');
?>
--FILE--
<?php
require __DIR__ . '/pdo_helpers.inc';
use TagCache\Backend\PdoBackend;
use TagCache\Frontend\StringFrontend;

function attempt(string $what, callable $fn): void
{
    try {
        $r = $fn();
        echo "$what: ", var_export($r, true), "\n";
    } catch (TagCache\BackendException $e) {
        echo "$what: ", preg_replace('/ failed: .*/s', ' failed: <the driver\'s message>', $e->getMessage()), "\n";
    }
}

foreach (['mariadb', 'pgsql'] as $kind) {
    echo "== $kind\n";
    $server = tc_pdo_start($kind);
    $backend = new PdoBackend(tc_pdo_options($server));
    $backend->setup();
    $c = new StringFrontend('Down', $backend);
    $c->set('a', 'kept', ['t']);
    $c->set('b', str_repeat("\0\xff", 100000), ['t', 'u']);

    tc_pdo_stop($server);
    attempt('get', fn() => $c->get('a'));
    attempt('has', fn() => $c->has('a'));
    attempt('set', fn() => $c->set('c', 'x', ['t']));
    attempt('remove', fn() => $c->remove('a'));
    attempt('flushByTag', fn() => $c->flushByTag('t'));
    attempt('getByTag', fn() => $c->getByTag('t'));
    attempt('findIdentifiersByTag', fn() => $backend->findIdentifiersByTag('t'));
    attempt('flush', fn() => $c->flush());
    attempt('collectGarbage', fn() => $c->collectGarbage());
    attempt('iteration', fn() => iterator_to_array($backend));
    attempt('setup', fn() => $backend->setup());

    $server = tc_pdo_start($kind, $server);
    attempt('after restart get a', fn() => $c->get('a'));
    attempt('b intact', fn() => $c->get('b') === str_repeat("\0\xff", 100000));
    attempt('tags', fn() => tc_pdo_ids($backend->findIdentifiersByTag('t')));
    attempt('set c', fn() => $c->set('c', 'new', ['t']));
    attempt('flushByTag', fn() => $c->flushByTag('t'));
    attempt('left', fn() => tc_pdo_ids($backend));

    if ($kind === 'mariadb') {
        echo "-- wrong password\n";
        $secret = 'not-the-pw-' . bin2hex(random_bytes(4));
        $bad = new StringFrontend('Down', new PdoBackend(tc_pdo_options($server, ['password' => $secret])));
        try {
            $bad->get('a');
        } catch (TagCache\BackendException $e) {
            echo get_class($e), ': ', str_contains($e->getMessage(), 'Access denied') ? 'access denied' : $e->getMessage(),
                ', password echoed: ', var_export(str_contains($e->getMessage() . $e->getTraceAsString() . print_r($bad, true), $secret), true), "\n";
        }
    }
    tc_pdo_stop($server);
}
?>
--EXPECT--
== mariadb
get: PdoBackend: get failed: <the driver's message>
has: PdoBackend: has failed: <the driver's message>
set: PdoBackend: set failed: <the driver's message>
remove: PdoBackend: remove failed: <the driver's message>
flushByTag: PdoBackend: flushByTags failed: <the driver's message>
getByTag: PdoBackend: getByTag failed: <the driver's message>
findIdentifiersByTag: PdoBackend: findIdentifiersByTag failed: <the driver's message>
flush: PdoBackend: flush failed: <the driver's message>
collectGarbage: PdoBackend: collectGarbage failed: <the driver's message>
iteration: PdoBackend: listing the entries failed: <the driver's message>
setup: PdoBackend: setup failed: <the driver's message>
after restart get a: 'kept'
b intact: true
tags: 'a,b'
set c: true
flushByTag: 3
left: ''
-- wrong password
TagCache\BackendException: access denied, password echoed: false
== pgsql
get: PdoBackend: get failed: <the driver's message>
has: PdoBackend: has failed: <the driver's message>
set: PdoBackend: set failed: <the driver's message>
remove: PdoBackend: remove failed: <the driver's message>
flushByTag: PdoBackend: flushByTags failed: <the driver's message>
getByTag: PdoBackend: getByTag failed: <the driver's message>
findIdentifiersByTag: PdoBackend: findIdentifiersByTag failed: <the driver's message>
flush: PdoBackend: flush failed: <the driver's message>
collectGarbage: PdoBackend: collectGarbage failed: <the driver's message>
iteration: PdoBackend: listing the entries failed: <the driver's message>
setup: PdoBackend: setup failed: <the driver's message>
after restart get a: 'kept'
b intact: true
tags: 'a,b'
set c: true
flushByTag: 3
left: ''