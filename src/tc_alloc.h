/* Allocation hook: src/ allocates only through these, so ext/ can plug PHP's allocator
 * and the standalone unit tests run on plain malloc under ASAN. */
#ifndef TC_ALLOC_H
#define TC_ALLOC_H

#include <stddef.h>

typedef struct {
	void *(*malloc_fn)(size_t size);
	void *(*realloc_fn)(void *ptr, size_t size);
	void (*free_fn)(void *ptr);
} tc_allocator;

/* NULL restores the libc allocator. Call once at startup, before any allocation. */
void tc_set_allocator(const tc_allocator *allocator);

void *tc_malloc(size_t size);
void *tc_calloc(size_t count, size_t size);
void *tc_realloc(void *ptr, size_t size);
void tc_free(void *ptr);
char *tc_strndup(const char *s, size_t len);

#endif
