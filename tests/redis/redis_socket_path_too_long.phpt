--TEST--
RedisBackend: a unix socket path longer than sun_path holds is refused by name, never cut to another socket's path; the longest allowed path (106 bytes, so sun_path keeps its NUL) is accepted
--EXTENSIONS--
tagcache
--FILE--
<?php
use TagCache\Backend\RedisBackend;
use TagCache\Frontend\VariableFrontend;

function attempt(string $path): void {
    try {
        $f = new VariableFrontend('c', new RedisBackend(['hostname' => $path, 'connectTimeout' => 0.2]));
        $f->get('x');
        echo "no error\n";
    } catch (TagCache\InvalidArgumentException $e) {
        echo 'InvalidArgumentException: ', $e->getMessage(), "\n";
    } catch (TagCache\BackendException $e) {
        // A path of legal length that does not exist: a connection error, not a length error.
        echo 'BackendException (', str_contains($e->getMessage(), 'No such file') ? 'missing socket' : $e->getMessage(), ")\n";
    }
}
attempt('/tmp/' . str_repeat('s', 102));   // 107 bytes: fills sun_path with no room for its NUL
attempt('/tmp/' . str_repeat('s', 101));   // 106 bytes: the longest accepted
?>
--EXPECT--
InvalidArgumentException: Redis socket path "/tmp/sssssssssssssssssssssssssssssssssssssssssssssssssssssss..." is 107 bytes; a unix socket path has at most 106
BackendException (missing socket)
