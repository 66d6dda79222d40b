/* The ESI processor: no classes yet. */
#include "page.h"

void tagcache_esi_register(void)
{
}
