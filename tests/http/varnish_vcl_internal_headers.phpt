--TEST--
Varnish VCL: internal headers (X-Cache-Tags, X-Location-Id, x-url, x-host, xkey) are not delivered, except to an allowed client asking with X-Tagcache-Debug
--SKIPIF--
<?php require __DIR__ . '/../varnish_helpers.inc'; tc_varnish_skipif(true); ?>
--FILE--
<?php
require __DIR__ . '/../varnish_helpers.inc';
$internal = ['x-cache-tags', 'x-location-id', 'x-url', 'x-host', 'xkey'];
foreach (['ban', 'xkey'] as $mode) {
    echo "== $mode\n";
    $v = tc_varnish_start($mode, tc_origin_start());
    $path = '/page/a?tags=t1,t2&split=1&loc=3&xkey=k';
    foreach (['first' => [], 'hit' => [], 'debug' => ['X-Tagcache-Debug' => '1']] as $label => $headers) {
        $r = tc_raw_http($v['port'], 'GET', $path, $headers);
        $seen = [];
        foreach ($internal as $h) {
            if (isset($r['headers'][$h])) {
                $seen[] = $h . ': ' . implode(' | ', $r['headers'][$h]);
            }
        }
        echo $label, ' ', tc_resp_header($r, 'X-Cache'), ' ', $r['status'], ' ', trim($r['body']), "\n";
        echo '  ', $seen ? implode("\n  ", $seen) : '(none)', "\n";
    }
}
// an uncacheable answer says PASS
echo tc_varnish_get($v, '/ping'), "\n";
?>
--EXPECT--
== ban
first MISS 200 page a fetch 1
  (none)
hit HIT 200 page a fetch 1
  (none)
debug HIT 200 page a fetch 1
  x-cache-tags: t1,t2
  x-location-id: 3
  x-url: /page/a?tags=t1,t2&split=1&loc=3&xkey=k
  x-host: localhost
  xkey: k
== xkey
first MISS 200 page a fetch 1
  (none)
hit HIT 200 page a fetch 1
  (none)
debug HIT 200 page a fetch 1
  x-cache-tags: t1,t2
  x-location-id: 3
  x-url: /page/a?tags=t1,t2&split=1&loc=3&xkey=k
  x-host: localhost
  xkey: k t1 t2 3
PASS pong
