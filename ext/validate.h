/* Argument checks shared by frontends, backends and the manager. Each throws
 * TagCache\InvalidArgumentException naming the value and the rule, and returns false. */
#ifndef TAGCACHE_VALIDATE_H
#define TAGCACHE_VALIDATE_H

#include "php.h"
#include "tc_types.h"

bool tagcache_check_identifier(zend_string *id, const char *what);
bool tagcache_check_tag(zend_string *tag);
/* Every element a string matching the tag rule; throws naming the first that is not. */
bool tagcache_check_tags(HashTable *tags);
/* Validates a list of tags (strings only) and collects them into *out; the core collapses
 * duplicates. *out (tc_str array borrowed from the HashTable, emalloc'ed; caller efree's). */
bool tagcache_collect_tags(HashTable *tags, tc_str **out, size_t *count);
/* null -> TC_LIFETIME_DEFAULT; negative -> error. */
bool tagcache_check_lifetime(zend_long lifetime, bool is_null, int64_t *out);

static inline tc_str tagcache_str(zend_string *s)
{
	return (tc_str){ZSTR_VAL(s), ZSTR_LEN(s)};
}

#endif
