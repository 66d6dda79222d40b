/* A string-keyed hash map with separate chaining; one allocation per node. */
#include "tc_map.h"

#include <string.h>

#include "tc_alloc.h"

static uint64_t tc_map_hash(const char *key, size_t klen)
{
	/* FNV-1a: short identifiers, no adversarial input beyond the identifier rule. */
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < klen; i++) {
		h = (h ^ (unsigned char)key[i]) * 1099511628211ull;
	}
	return h ^ (h >> 29);
}

void tc_map_init(tc_map *m)
{
	memset(m, 0, sizeof(*m));
}

void tc_map_destroy(tc_map *m, void (*free_value)(void *value))
{
	for (size_t i = 0; i < m->nbuckets; i++) {
		tc_map_node *n = m->buckets[i];
		while (n) {
			tc_map_node *next = n->next;
			if (free_value) {
				free_value(n->value);
			}
			tc_free(n);
			n = next;
		}
	}
	tc_free(m->buckets);
	tc_map_init(m);
}

tc_map_node *tc_map_find(const tc_map *m, const char *key, size_t klen)
{
	if (!m->count) {
		return NULL;
	}
	uint64_t h = tc_map_hash(key, klen);
	for (tc_map_node *n = m->buckets[h & (m->nbuckets - 1)]; n; n = n->next) {
		if (n->hash == h && n->klen == klen && memcmp(n->key, key, klen) == 0) {
			return n;
		}
	}
	return NULL;
}

static int tc_map_grow(tc_map *m)
{
	size_t nb = m->nbuckets ? m->nbuckets * 2 : 16;
	tc_map_node **b = tc_calloc(nb, sizeof(*b));
	if (!b) {
		return -1;
	}
	for (size_t i = 0; i < m->nbuckets; i++) {
		tc_map_node *n = m->buckets[i];
		while (n) {
			tc_map_node *next = n->next;
			size_t j = n->hash & (nb - 1);
			n->next = b[j];
			b[j] = n;
			n = next;
		}
	}
	tc_free(m->buckets);
	m->buckets = b;
	m->nbuckets = nb;
	return 0;
}

tc_map_node *tc_map_upsert(tc_map *m, const char *key, size_t klen, int *created)
{
	*created = 0;
	tc_map_node *n = tc_map_find(m, key, klen);
	if (n) {
		return n;
	}
	if (m->count >= m->nbuckets && tc_map_grow(m) != 0) {
		return NULL;
	}
	n = tc_malloc(sizeof(*n) + klen + 1);
	if (!n) {
		return NULL;
	}
	n->hash = tc_map_hash(key, klen);
	n->value = NULL;
	n->klen = klen;
	memcpy(n->key, key, klen);
	n->key[klen] = '\0';
	size_t j = n->hash & (m->nbuckets - 1);
	n->next = m->buckets[j];
	m->buckets[j] = n;
	m->count++;
	*created = 1;
	return n;
}

int tc_map_remove(tc_map *m, const char *key, size_t klen, void **value)
{
	if (!m->count) {
		return 0;
	}
	uint64_t h = tc_map_hash(key, klen);
	tc_map_node **pp = &m->buckets[h & (m->nbuckets - 1)];
	for (tc_map_node *n = *pp; n; pp = &n->next, n = n->next) {
		if (n->hash == h && n->klen == klen && memcmp(n->key, key, klen) == 0) {
			*pp = n->next;
			if (value) {
				*value = n->value;
			}
			tc_free(n);
			m->count--;
			return 1;
		}
	}
	return 0;
}

tc_map_node *tc_map_next(const tc_map *m, size_t *bucket, tc_map_node *node)
{
	if (node && node->next) {
		return node->next;
	}
	size_t i = node ? *bucket + 1 : *bucket;
	for (; i < m->nbuckets; i++) {
		if (m->buckets[i]) {
			*bucket = i;
			return m->buckets[i];
		}
	}
	*bucket = i;
	return NULL;
}
