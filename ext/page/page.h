/* The page cache family (TagCache\Page): whole responses keyed by request (page_cache*.c) and
 * the ESI processor that assembles pages from cached fragments (esi*.c). */
#ifndef TAGCACHE_PAGE_H
#define TAGCACHE_PAGE_H

#include "php.h"

void tagcache_register_page(void);
/* RSHUTDOWN: stores the page the page cache captured (page_capture.c). */
void tagcache_page_request_end(void);

/* Each part registers its own classes (called once from MINIT by register.c). */
void tagcache_page_cache_register(void);
void tagcache_esi_register(void);

#endif
