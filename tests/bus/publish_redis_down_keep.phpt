--TEST--
Bus onFailure "keep": Redis down writes the clears to keepDirectory (0700, created), published in order before the next publish once Redis is back, counted by countKept() with Redis down or up; an unsafe directory is refused
--EXTENSIONS--
tagcache
--SKIPIF--
<?php require __DIR__ . '/bus_helpers.inc'; tc_bus_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/bus_helpers.inc';
use TagCache\Bus\Bus;

$srv = tc_redis_start();
$keep = tc_tmpdir('keep') . '/kept';
$opts = tc_bus_options($srv, ['onFailure' => 'keep', 'keepDirectory' => $keep]);
$bus = new Bus($opts);
tc_redis_stop($srv);
$bus->flushByTags(['first']);
$bus->flushCache('Second');
$kept = array_values(array_filter(tc_files($keep), fn($f) => str_ends_with($f, '.kept')));
var_dump(count($kept), sprintf('%o', fileperms($keep) & 0777), $bus->getPending());

echo "-- a bus with defer request keeps what it could not publish at release\n";
$late = new Bus($opts + ['defer' => 'request']);
$late->remove('Third', 'e');
unset($late);
var_dump(count(array_filter(tc_files($keep), fn($f) => str_ends_with($f, '.kept'))));
echo "countKept with Redis down: ", $bus->countKept(), "; a throwing bus of the directory (it sends them too): ",
    (new Bus(['onFailure' => 'throw'] + $opts))->countKept(), "\n";

echo "-- Redis back: another bus of the directory and stream sends them first, in order\n";
$srv = tc_redis_start($srv['extra'], $srv['port'], $srv['dir']);
$other = new Bus($opts + ['defer' => 'request']);
var_dump($other->getStatus()['kept']);
$other->flushAll();
var_dump($other->publish());
tc_bus_dump($srv);
var_dump(array_values(array_filter(tc_files($keep), fn($f) => str_ends_with($f, '.kept'))), $other->getStatus()['kept'], $other->countKept());
var_dump($other->publish());

echo "-- another stream's bus does not send them\n";
tc_redis_stop($srv);
$bus->flushCache('Fourth');
$srv = tc_redis_start($srv['extra'], $srv['port'], $srv['dir']); // empty again
$elsewhere = new Bus(['stream' => 'other'] + $opts);
$elsewhere->flushCache('Z');
var_dump(tc_redis_cmd($srv, 'XLEN', 'tagcache:bus'), $bus->getStatus()['kept'], $bus->publish());
tc_bus_dump($srv);

echo "-- unsafe directories\n";
chmod($keep, 0777);
tc_expect_exception(fn() => new Bus($opts));
chmod($keep, 0700);
$file = dirname($keep) . '/file';
touch($file);
tc_expect_exception(fn() => new Bus(['keepDirectory' => $file] + $opts));
$bus = new Bus($opts);
chmod($keep, 0770);
tc_redis_stop($srv);
tc_expect_exception(fn() => $bus->flushAll());
var_dump(count($bus->getPending()));
chmod($keep, 0700);
unset($bus); // released: kept now that the directory is safe again
var_dump(count(array_filter(tc_files($keep), fn($f) => str_ends_with($f, '.kept'))));
?>
--EXPECTF--
int(2)
string(3) "700"
array(0) {
}
-- a bus with defer request keeps what it could not publish at release
int(3)
countKept with Redis down: 3; a throwing bus of the directory (it sends them too): 3
-- Redis back: another bus of the directory and stream sends them first, in order
int(3)
int(4)
4 entries
[{"op":"flushByTags","application":"","cache":null,"tags":["first"],"persistent":false}]
[{"op":"flushCache","application":"","cache":"Second"}]
[{"op":"remove","application":"","cache":"Third","entry":"e"}]
[{"op":"flushAll","application":"","persistent":false}]
array(0) {
}
int(0)
int(0)
int(0)
-- another stream's bus does not send them
int(0)
int(1)
int(1)
1 entries
[{"op":"flushCache","application":"","cache":"Fourth"}]
-- unsafe directories
BusException: Bus option "onFailure" "keep": keepDirectory "%s/kept" is writable by group or others (mode 0777): refused, it must be 0700
BusException: Bus option "onFailure" "keep": keepDirectory "%s/file" is not a directory (symbolic links are refused)
BusException: Publishing 1 clear to stream "tagcache:bus" failed (it stays pending): %s
int(1)
int(1)
