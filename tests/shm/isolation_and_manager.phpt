--TEST--
SharedMemoryBackend: caches in one segment are apart (by cache identifier and applicationIdentifier); flush of one never touches another; configured through CacheManager
--EXTENSIONS--
tagcache
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\CacheManager;
use TagCache\Frontend\VariableFrontend;

$segment = tc_shm_segment();
$a = new VariableFrontend('A', tc_shm_backend($segment));
$b = new VariableFrontend('B', tc_shm_backend($segment));
$a->set('k', 'from A', ['t']);
$b->set('k', 'from B', ['t']);
var_dump($a->get('k'), $b->get('k'));
echo 'flushByTag in A: ', $a->flushByTag('t'), "\n";
var_dump($a->get('k'), $b->get('k'), $b->getBackend()->findIdentifiersByTag('t'));
$a->set('k2', 'A2');
$a->flush();
$b->getBackend()->freeze();
var_dump($a->getBackend()->isFrozen(), $b->getBackend()->isFrozen(), $b->get('k'));
$b->flush();

echo "== CacheManager\n";
$config = ['Default' => ['backend' => 'SharedMemoryBackend', 'backendOptions' => ['segment' => $segment, 'size' => 1 << 20]],
           'Pages' => [], 'Other' => ['frontend' => 'StringFrontend']];
$app1 = new CacheManager($config, ['applicationIdentifier' => 'app1']);
$app2 = new CacheManager($config, ['applicationIdentifier' => 'app2']);
$app1->getCache('Pages')->set('p', ['page', 1], ['page']);
$app1->getCache('Other')->set('p', 'other', ['page']);
$app2->getCache('Pages')->set('p', 'app2 page', ['page']);
echo get_class($app1->getCache('Pages')->getBackend()), ' ', $app1->getCache('Pages')->getBackend()->getSegment() === $segment ? 'segment ok' : 'wrong segment', "\n";
var_dump($app2->getCache('Pages')->get('p'));
echo 'app1 flushCachesByTag(page): ', $app1->flushCachesByTag('page'), "\n";
var_dump($app1->getCache('Pages')->get('p'), $app1->getCache('Other')->get('p'), $app2->getCache('Pages')->get('p'));
$app2->flushCaches();
var_dump($app2->getCache('Pages')->has('p'));
// the default segment path names the user and the applicationIdentifier
$default = new TagCache\Backend\SharedMemoryBackend(['applicationIdentifier' => 'tcphpt' . getmypid()]);
$cache = new VariableFrontend('Probe', $default);
echo $default->getSegment() === '/dev/shm/tagcache-' . posix_geteuid() . '-tcphpt' . getmypid() ? 'default path ok' : $default->getSegment(), "\n";
echo decoct(fileperms($default->getSegment()) & 0777), "\n";
unlink($default->getSegment());
echo "== bad options\n";
foreach ([['size' => 1000], ['size' => 'big'], ['segment' => ''], ['defaultLifetime' => -1], ['applicationIdentifier' => 'a b']] as $bad) {
    try {
        new TagCache\Backend\SharedMemoryBackend($bad);
        echo "accepted\n";
    } catch (\Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECTF--
string(6) "from A"
string(6) "from B"
flushByTag in A: 1
bool(false)
string(6) "from B"
array(1) {
  [0]=>
  string(1) "k"
}
bool(false)
bool(true)
string(6) "from B"
== CacheManager
TagCache\Backend\SharedMemoryBackend segment ok
string(9) "app2 page"
app1 flushCachesByTag(page): 2
bool(false)
bool(false)
string(9) "app2 page"
bool(false)
default path ok
600
== bad options
%s: %ssize%s
%s: %ssize%s
%s: %ssegment%s
%s: %sdefaultLifetime%s
%s: Application identifier "a b"%s
