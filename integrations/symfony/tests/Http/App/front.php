<?php
// Front controller of the end-to-end test, run by `php -S` (as its router script): the
// TestKernel with the configuration the test wrote to $TAGCACHE_SF_STATE/config.json (per
// extension alias: `tagcache`, `framework`), handling each request as public/index.php does (handle, send,
// terminate: the purge goes out at terminate). GET /ping answers without the kernel, so the
// test can wait for the server before it writes the configuration.

declare(strict_types=1);

use Symfony\Component\HttpFoundation\Request;
use TagCache\Symfony\Tests\App\TestKernel;
use TagCache\Symfony\Tests\Http\App\AppServices;

if (($_SERVER['REQUEST_URI'] ?? '') === '/ping') {
    echo 'pong';
    return true;
}

// the packages the test run uses (scripts/test-integrations sets it for each vendor folder)
require getenv('TAGCACHE_AUTOLOAD') ?: \dirname(__DIR__, 3) . '/vendor/autoload.php';

$state = (string)getenv('TAGCACHE_SF_STATE');
$config = json_decode((string)file_get_contents("$state/config.json"), true, 512, JSON_THROW_ON_ERROR);
// One folder for every request of this server, so the container is compiled once, not per
// request; the test removes it.
$kernel = new TestKernel($config, [AppServices::register(...)], 'test', "$state/kernel");

$request = Request::createFromGlobals();
$response = $kernel->handle($request);
$response->send();
$kernel->terminate($request, $response);
return true;
