<?php
/*
 * Hook for the HTTP invalidation scenarios (BAN / PURGE / xkey to every Varnish at once), which
 * come with the HTTP pipeline. When it lands, measure here, against a local stub HTTP server on
 * 127.0.0.1 started by the runner (never a remote host), for example:
 *   - collecting 100 tags and building the requests (split under the header limit),
 *   - flushing them to 1, 2 and 4 proxies in parallel, next to a floor of curl_multi doing the same,
 * and record them through $record like the other families (group 'http').
 */

/** @param Closure(string $scenario, string $subject, string $kind, array $result): void $record */
function scenario_http(BenchConfig $cfg, Closure $record, Closure $note): void
{
    $note('HTTP invalidation: no scenarios yet — they come with the HTTP pipeline (hook: benchmarks/scenarios/http.php)');
}
