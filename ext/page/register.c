/* Registers the TagCache\Page classes: the page cache and the ESI processor. */
#include "page.h"

void tagcache_register_page(void)
{
	tagcache_page_cache_register();
	tagcache_esi_register();
}
