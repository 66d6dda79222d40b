--TEST--
FileBackend refuses a cache directory another user could swap or fill: owned by someone else, or writable by group or others
--EXTENSIONS--
tagcache
--SKIPIF--
<?php if (!function_exists('posix_geteuid') || posix_geteuid() !== 0) die('skip needs root to plant a directory of another user'); ?>
--FILE--
<?php
require __DIR__ . '/../tagcache_helpers.inc';
use TagCache\Backend\FileBackend;
use TagCache\Frontend\StringFrontend;

function try_dir(string $label, string $dir): void
{
    global $base;
    try {
        $c = new StringFrontend('Victim', new FileBackend(['cacheDirectory' => $dir]));
        $c->set('k', 'v');
        echo "$label: used\n";
    } catch (TagCache\BackendException $e) {
        echo "$label: ", str_replace($base, 'BASE', $e->getMessage()), "\n";
    }
}

$base = tc_tmpdir();
mkdir("$base/private", 0700);
try_dir('a private directory', "$base/private");

mkdir("$base/open", 0777);
chmod("$base/open", 0777);                    // writable by everybody, no sticky bit
try_dir('a world-writable parent', "$base/open");

mkdir("$base/group", 0770);
chmod("$base/group", 0770);
try_dir('a group-writable parent', "$base/group");

mkdir("$base/sticky", 0777);
chmod("$base/sticky", 01777);                 // like /tmp: others cannot touch our entries
try_dir('a sticky shared parent', "$base/sticky");

// planted by another user before us: refused, whatever its mode
mkdir("$base/planted", 0700);
chown("$base/planted", 'nobody');
try_dir('a directory of another user', "$base/planted");
mkdir("$base/planted2/Victim", 0700, true);
chown("$base/planted2", 'nobody');
try_dir('a parent of another user', "$base/planted2");
?>
--EXPECT--
a private directory: used
a world-writable parent: refusing cache directory BASE/open/Victim: BASE/open is writable by everybody (mode 777); make it writable by its owner only
a group-writable parent: refusing cache directory BASE/group/Victim: BASE/group is writable by its group (mode 770); make it writable by its owner only
a sticky shared parent: used
a directory of another user: refusing cache directory BASE/planted/Victim: BASE/planted belongs to uid 65534, not to this process (uid 0) or root
a parent of another user: refusing cache directory BASE/planted2/Victim: BASE/planted2 belongs to uid 65534, not to this process (uid 0) or root
