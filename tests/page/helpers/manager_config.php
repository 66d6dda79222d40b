<?php
// The CacheManager of the page cache tests' application (helpers/app.php with option
// "manager"), shared with the test that flushes through it: [configurations, options].
function page_manager_config(string $dir): array
{
    return [['Pages' => ['frontend' => 'StringFrontend', 'backend' => 'FileBackend'],
             'Data' => ['backend' => 'FileBackend']],
            ['cacheDirectory' => "$dir/manager"]];
}
