--TEST--
SharedMemoryBackend: a forked child sees the parent's set and the parent sees the child's flushByTag; a separate PHP process on the same segment sees both
--EXTENSIONS--
tagcache
pcntl
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
require __DIR__ . '/shm_helpers.inc';
use TagCache\Frontend\VariableFrontend;

$segment = tc_shm_segment();
$c = new VariableFrontend('Forked', tc_shm_backend($segment));
$c->set('parent', ['set by', 'parent'], ['p']);
$c->set('tagged1', 1, ['news']);
$c->set('tagged2', 2, ['news', 'p']);
$out = tc_tmpdir('fork') . '/child.out';

$pid = pcntl_fork();
if ($pid === 0) {
    // the child: the backend object and its mapping came with fork()
    $lines = [json_encode($c->get('parent')), 'flushByTag(news): ' . $c->flushByTag('news')];
    $c->set('child', 'set by child', ['c']);
    file_put_contents($out, implode("\n", $lines) . "\n");
    posix_kill(getmypid(), SIGKILL); // no shutdown handlers in the child (they belong to the parent)
}
pcntl_waitpid($pid, $status);
echo file_get_contents($out);
var_dump($c->get('tagged1'), $c->get('tagged2'), $c->get('child'), $c->getBackend()->findIdentifiersByTag('p'));

echo "== another process\n";
$seg = var_export($segment, true);
echo tc_shm_child(<<<PHP
\$c = new TagCache\Frontend\VariableFrontend('Forked', new TagCache\Backend\SharedMemoryBackend(['segment' => $seg, 'size' => 1 << 20]));
echo json_encode(\$c->get('child')), "\n";
echo 'flushByTag(p): ', \$c->flushByTag('p'), "\n";
PHP);
var_dump($c->has('parent'), $c->get('child'));
$s = $c->getBackend()->getStatistics();
echo "cacheEntries {$s['cacheEntries']} orphanTags {$s['orphanTags']}\n";
?>
--EXPECT--
["set by","parent"]
flushByTag(news): 2
bool(false)
bool(false)
string(12) "set by child"
array(1) {
  [0]=>
  string(6) "parent"
}
== another process
"set by child"
flushByTag(p): 1
bool(false)
string(12) "set by child"
cacheEntries 1 orphanTags 0
