/* Allocation hook: every src/ allocation goes through here so ext/ can use PHP's allocator. */
#include "tc_alloc.h"

#include <stdlib.h>
#include <string.h>

static tc_allocator tc_current = {malloc, realloc, free};

void tc_set_allocator(const tc_allocator *allocator)
{
	if (allocator) {
		tc_current = *allocator;
	} else {
		tc_current = (tc_allocator){malloc, realloc, free};
	}
}

void *tc_malloc(size_t size)
{
	/* Some allocators return NULL for 0 bytes; callers treat NULL as out of memory. */
	return tc_current.malloc_fn(size ? size : 1);
}

void *tc_calloc(size_t count, size_t size)
{
	if (size && count > (size_t)-1 / size) {
		return NULL;
	}
	void *p = tc_malloc(count * size);
	if (p) {
		memset(p, 0, count * size);
	}
	return p;
}

void *tc_realloc(void *ptr, size_t size)
{
	return tc_current.realloc_fn(ptr, size ? size : 1);
}

void tc_free(void *ptr)
{
	if (ptr) {
		tc_current.free_fn(ptr);
	}
}

char *tc_strndup(const char *s, size_t len)
{
	char *p = tc_malloc(len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}
