<?php
/*
 * The floor of the page family, and the page itself: PHP sending the stored bytes of the page
 * from a plain file with its headers. The other front controllers run this on a miss.
 */
header('Content-Type: text/html; charset=UTF-8');
header('Cache-Control: public, max-age=3600');
header('ETag: "page-v1"');
header('Content-Language: en');
header('X-Frame-Options: SAMEORIGIN');
header('Content-Length: ' . filesize(__DIR__ . '/page.html'));
readfile(__DIR__ . '/page.html');
