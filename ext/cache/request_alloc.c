/* tc_allocator over PHP's request allocator (emalloc). Core stores that live only as long as a
 * PHP object (TransientMemoryBackend) allocate through it, so their bytes show in
 * memory_get_usage() and count against memory_limit; exceeding it is PHP's usual fatal error.
 * Never for memory that outlives the request (persistent connections use tc_malloc). */
#include "backend.h"

static void *request_malloc(size_t size)
{
	return emalloc(size);
}

static void *request_realloc(void *ptr, size_t size)
{
	return erealloc(ptr, size);
}

static void request_free(void *ptr)
{
	efree(ptr);
}

const tc_allocator tagcache_request_allocator = {request_malloc, request_realloc, request_free};
