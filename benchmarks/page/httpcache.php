<?php
/*
 * Symfony HttpKernel's HttpCache (the PHP reverse proxy, Store on disk) in front of the same
 * page: on a fresh hit the kernel never runs.
 */
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpKernel\HttpCache\HttpCache;
use Symfony\Component\HttpKernel\HttpCache\Store;

require_once __DIR__ . '/httpcache_kernel.php';

$kernel = new HttpCache(new PageKernel(), new Store(__DIR__ . '/cache/httpcache'));
$request = Request::createFromGlobals();
$response = $kernel->handle($request);
$response->send();
$kernel->terminate($request, $response);
