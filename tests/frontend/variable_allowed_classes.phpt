--TEST--
VariableFrontend option allowedClasses: objects of classes not allowed come back as __PHP_Incomplete_Class
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\VariableFrontend;

class Allowed { public $v = 'allowed'; }
class NotAllowed { public $v = 'not allowed'; }

$dir = tc_tmpdir();
$writer = new VariableFrontend('allowed', new FileBackend(['cacheDirectory' => $dir]), ['serializer' => 'php']);
$writer->set('both', [new Allowed(), new NotAllowed()]);

$list = new VariableFrontend('allowed', new FileBackend(['cacheDirectory' => $dir]), ['allowedClasses' => ['ALLOWED']]);
$got = $list->get('both');
echo get_class($got[0]), ' ', get_class($got[1]), "\n";
var_dump($got[0]->v);

$none = new VariableFrontend('allowed', new FileBackend(['cacheDirectory' => $dir]), ['allowedClasses' => false]);
$got = $none->get('both');
echo get_class($got[0]), ' ', get_class($got[1]), "\n";

$any = new VariableFrontend('allowed', new FileBackend(['cacheDirectory' => $dir]), ['allowedClasses' => true]);
$got = $any->get('both');
echo get_class($got[0]), ' ', get_class($got[1]), "\n";

// allowedClasses forces the php serializer, even with igbinary loaded
$b = new FileBackend(['cacheDirectory' => $dir]);
$restricted = new VariableFrontend('allowed2', $b, ['allowedClasses' => []]);
$restricted->set('o', new Allowed());
var_dump($b->get('o')[0]);
echo get_class($restricted->get('o')), "\n";

tc_expect_exception(fn() => new VariableFrontend('allowed3', new FileBackend(['cacheDirectory' => $dir]), ['allowedClasses' => 'Allowed']));
tc_expect_exception(fn() => new VariableFrontend('allowed3', new FileBackend(['cacheDirectory' => $dir]), ['allowedClasses' => [1]]));
?>
--EXPECT--
Allowed __PHP_Incomplete_Class
string(7) "allowed"
__PHP_Incomplete_Class __PHP_Incomplete_Class
Allowed NotAllowed
string(1) "p"
__PHP_Incomplete_Class
InvalidArgumentException: VariableFrontend option "allowedClasses" must be true, false or a list of class names, got string
InvalidArgumentException: VariableFrontend option "allowedClasses" must list class names as strings, got int
