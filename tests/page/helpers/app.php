<?php
// The front controller of the page cache tests (tests/page/page_helpers.inc copies it beside
// its options.json): PageCache first; then the "application", which counts its runs in the
// file runs and answers what the query's mode asks for.
$dir = __DIR__;
$options = json_decode((string)@file_get_contents("$dir/options.json"), true) ?: [];
$storage = null;
if (!empty($options['manager'])) {
    // the pages as a cache of the application's CacheManager (page_manager_config())
    unset($options['manager']);
    require __DIR__ . '/manager_config.php';
    $storage = (new TagCache\CacheManager(...page_manager_config($dir)))->getCache('Pages');
}
if (isset($options['backend'])) {
    // a backend of another kind: [class, options], wrapped by PageCache
    [$class, $backendOptions] = $options['backend'];
    unset($options['backend']);
    $storage = new $class($backendOptions);
}
$pages = new TagCache\Page\PageCache($storage, $options + ($storage ? [] : ['cacheDirectory' => "$dir/cache"]) + ['statusHeader' => 'X-Page']);
if ($pages->serve()) {
    exit;
}
file_put_contents("$dir/runs", '.', FILE_APPEND | LOCK_EX);
header('Content-Type: text/html; charset=UTF-8');
if (isset($_GET['tags'])) {
    $pages->addTags(explode(',', (string)$_GET['tags']));
}
switch ($_GET['mode'] ?? 'plain') {
    case 'cookie':
        setcookie('seen', '1');
        break;
    case 'private':
        header('Cache-Control: private, max-age=60');
        break;
    case 'nostore':
        header('Cache-Control: no-store');
        break;
    case 'error':
        http_response_code(500);
        break;
    case 'vary':
        header('Vary: X-Custom');
        break;
    case 'security':
        header('Authentication-Info: nextnonce="abc"');
        header('Clear-Site-Data: "cache"');
        header('X-Kept: yes');
        break;
    case 'user':
        // renders per user: the session cookie names the user, without a session a visitor
        $pages->markUserBased();
        echo 'user=', preg_replace('/[^a-z0-9]/i', '', (string)($_COOKIE['PHPSESSID'] ?? 'visitor')), "\n";
        break;
    case 'short':
        $pages->setLifetime(1);
        break;
    case 'redirect':
        header('Location: /elsewhere', true, 301);
        exit;
}
// a body no two runs share: a HIT shows the stored one
echo '<p>', htmlspecialchars((string)$_SERVER['REQUEST_URI']), ' ', $_SERVER['REQUEST_METHOD'], ' ',
    bin2hex(random_bytes(8)), "</p>\n";
