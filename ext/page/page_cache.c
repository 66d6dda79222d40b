/* The page cache: no classes yet. */
#include "page.h"

void tagcache_page_cache_register(void)
{
}
