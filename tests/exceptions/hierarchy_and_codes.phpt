--TEST--
Exceptions: one marker interface, SPL bases Flow and PSR users catch, a stable code per class
--EXTENSIONS--
tagcache
--FILE--
<?php
$classes = [
    'TagCache\InvalidArgumentException' => [\InvalidArgumentException::class, 1001],
    'TagCache\NoSuchCacheException' => [\OutOfBoundsException::class, 1002],
    'TagCache\DuplicateIdentifierException' => [\LogicException::class, 1003],
    'TagCache\InvalidDataException' => [\InvalidArgumentException::class, 1004],
    'TagCache\NotSupportedByBackendException' => [\LogicException::class, 1005],
    'TagCache\BackendException' => [\RuntimeException::class, 1006],
    'TagCache\FrozenCacheException' => ['TagCache\BackendException', 1007],
    'TagCache\Http\PurgeException' => [\RuntimeException::class, 1008],
];
var_dump(interface_exists('TagCache\Exception'), is_subclass_of('TagCache\Exception', \Throwable::class));
foreach ($classes as $class => [$base, $code]) {
    $e = new $class('message');
    printf("%s: marker %s, %s %s, code %d, given code %d\n", $class,
        var_export($e instanceof TagCache\Exception, true), $base,
        var_export($e instanceof $base, true), $e->getCode(), (new $class('m', 7))->getCode());
}
// A user subclass inherits the code and the marker.
class MyBackendException extends TagCache\BackendException {}
$e = new MyBackendException('m');
var_dump($e->getCode(), $e instanceof TagCache\Exception, $e instanceof \RuntimeException);
// The marker is not instantiable and a plain class cannot implement it without a Throwable base.
try {
    new TagCache\Exception('m');
} catch (\Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
TagCache\InvalidArgumentException: marker true, InvalidArgumentException true, code 1001, given code 7
TagCache\NoSuchCacheException: marker true, OutOfBoundsException true, code 1002, given code 7
TagCache\DuplicateIdentifierException: marker true, LogicException true, code 1003, given code 7
TagCache\InvalidDataException: marker true, InvalidArgumentException true, code 1004, given code 7
TagCache\NotSupportedByBackendException: marker true, LogicException true, code 1005, given code 7
TagCache\BackendException: marker true, RuntimeException true, code 1006, given code 7
TagCache\FrozenCacheException: marker true, TagCache\BackendException true, code 1007, given code 7
TagCache\Http\PurgeException: marker true, RuntimeException true, code 1008, given code 7
int(1006)
bool(true)
bool(true)
Error: Cannot instantiate interface TagCache\Exception
