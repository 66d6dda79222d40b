/* A string-keyed hash map with separate chaining; keys are copied into the nodes. */
#ifndef TC_MAP_H
#define TC_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct tc_map_node {
	struct tc_map_node *next;
	uint64_t hash;
	void *value;
	size_t klen;
	char key[]; /* NUL-terminated copy */
} tc_map_node;

typedef struct {
	tc_map_node **buckets;
	size_t nbuckets; /* power of two, 0 until the first insert */
	size_t count;
} tc_map;

void tc_map_init(tc_map *m);
/* Frees every node, calling free_value (if set) on each value. */
void tc_map_destroy(tc_map *m, void (*free_value)(void *value));

tc_map_node *tc_map_find(const tc_map *m, const char *key, size_t klen);
/* Finds key or inserts it with a NULL value (*created = 1). NULL when out of memory. */
tc_map_node *tc_map_upsert(tc_map *m, const char *key, size_t klen, int *created);
/* Removes key; returns 1 and its value in *value (if not NULL) when it was there. */
int tc_map_remove(tc_map *m, const char *key, size_t klen, void **value);

/* Iteration: start with *bucket = 0 and node = NULL; do not modify the map meanwhile. */
tc_map_node *tc_map_next(const tc_map *m, size_t *bucket, tc_map_node *node);

#endif
