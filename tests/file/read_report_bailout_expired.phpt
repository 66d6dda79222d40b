--TEST--
getByTag: a fatal error raised by the error handler on the warning for an expired entry of the wrong length (checked as it is skipped) leaves no entry file open and leaks nothing
--EXTENSIONS--
tagcache
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/read_report_bailout.inc';
read_report_bailout('expired', 'fatal', 'get');
?>
--EXPECTF--
open entry files before: 0
entry "bad" is corrupt (payload length 5000 does not match the file size 5056) and reads as a miss

Fatal error: handler ends the request in %s on line %d
open entry files after the handler ended the request: 0
read again: ok1 ok10 ok11 ok12 ok13 ok14 ok15 ok16 ok17 ok18 ok19 ok2 ok20 ok3 ok4 ok5 ok6 ok7 ok8 ok9
