--TEST--
CacheManager: frontend/backend/backendOptions come from Default; options deep-merged for the same backend, not for another
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\CacheManager;

class RecordingBackend extends TagCache\Backend\TransientMemoryBackend {
    public static array $seen = [];
    public function __construct(array $options = []) {
        self::$seen[] = $options;
        parent::__construct(array_intersect_key($options, ['defaultLifetime' => 1]));
    }
}
class OtherBackend extends RecordingBackend {}

$dir = tc_tmpdir();
$manager = new CacheManager([
    'Default' => ['frontend' => 'StringFrontend', 'backend' => 'RecordingBackend',
                  'backendOptions' => ['defaultLifetime' => 0, 'nested' => ['a' => 1, 'b' => 2]]],
    'Inherits' => [],
    'Overrides' => ['backendOptions' => ['nested' => ['b' => 20, 'c' => 30]]],
    'Other' => ['backend' => 'OtherBackend', 'backendOptions' => ['own' => true]],
    'OwnFrontend' => ['frontend' => 'VariableFrontend'],
], ['cacheDirectory' => $dir]);

$c = $manager->getCache('Inherits');
echo get_class($c), ' ', get_class($c->getBackend()), "\n";
var_dump(RecordingBackend::$seen[0]);
$manager->getCache('Overrides');
var_dump(RecordingBackend::$seen[1]);
$o = $manager->getCache('Other');
echo get_class($o->getBackend()), "\n";
var_dump(RecordingBackend::$seen[2]);
echo get_class($manager->getCache('OwnFrontend')), "\n";

echo "-- defaultLifetime 0 from Default survives a cache's own options (FileBackend)\n";
$m2 = new CacheManager([
    'Default' => ['backend' => 'FileBackend', 'backendOptions' => ['defaultLifetime' => 1]],
    'Short' => ['backendOptions' => []],
    'Long' => ['backendOptions' => ['defaultLifetime' => 0]],
    'Mem' => ['backend' => 'TransientMemoryBackend'],
], ['cacheDirectory' => $dir]);
foreach (['Short', 'Long', 'Mem'] as $id) {
    $m2->getCache($id)->set('e', $id);
}
echo get_class($m2->getCache('Short')), "\n";
sleep(2);
// Short inherits defaultLifetime 1, Long overrides to unlimited, Mem (other backend) gets no Default options
var_dump($m2->getCache('Short')->get('e'), $m2->getCache('Long')->get('e'), $m2->getCache('Mem')->get('e'));
?>
--EXPECT--
TagCache\Frontend\StringFrontend RecordingBackend
array(2) {
  ["defaultLifetime"]=>
  int(0)
  ["nested"]=>
  array(2) {
    ["a"]=>
    int(1)
    ["b"]=>
    int(2)
  }
}
array(2) {
  ["defaultLifetime"]=>
  int(0)
  ["nested"]=>
  array(3) {
    ["a"]=>
    int(1)
    ["b"]=>
    int(20)
    ["c"]=>
    int(30)
  }
}
OtherBackend
array(1) {
  ["own"]=>
  bool(true)
}
TagCache\Frontend\VariableFrontend
-- defaultLifetime 0 from Default survives a cache's own options (FileBackend)
TagCache\Frontend\VariableFrontend
bool(false)
string(4) "Long"
string(3) "Mem"
