/* The node lists of RedisBackend's options cluster and sentinels (see redis_nodes.h). */
#include "redis_nodes.h"

#include <arpa/inet.h>

#include "backend_options.h"
#include "exceptions.h"
#include "backend/redis_cluster.h"

bool tagcache_redis_check_nodes(const char *backend, const char *option, zval *val)
{
	if (zend_hash_num_elements(Z_ARR_P(val)) == 0) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "%s option \"%s\" is an empty array: name at least one node, each " TC_REDIS_ADDR_RULE,
		               backend, option);
		return false;
	}
	HashTable seen;
	zend_hash_init(&seen, 8, NULL, NULL, 0);
	zend_long pos = 0;
	bool ok = true;
	zval *zv;
	ZEND_HASH_FOREACH_VAL(Z_ARR_P(val), zv) {
		char host[256];
		unsigned port;
		pos++;
		if (Z_TYPE_P(zv) != IS_STRING) {
			tagcache_throw(tagcache_invalid_argument_ce, "%s option \"%s\": node %ld must be a string (" TC_REDIS_ADDR_RULE "), got %s",
			               backend, option, (long)pos, zend_zval_type_name(zv));
			ok = false;
			break;
		}
		if (!tc_redis_parse_addr(Z_STRVAL_P(zv), Z_STRLEN_P(zv), host, sizeof(host), &port)) {
			zend_string *shown = tagcache_options_shown(Z_STR_P(zv));
			tagcache_throw(tagcache_invalid_argument_ce, "%s option \"%s\": node \"%s\" must be " TC_REDIS_ADDR_RULE,
			               backend, option, ZSTR_VAL(shown));
			zend_string_release(shown);
			ok = false;
			break;
		}
		/* one IPv6 address has many spellings ("::1", "0:0::1"): compare the canonical one */
		unsigned char v6[16];
		char v6text[INET6_ADDRSTRLEN];
		if (strchr(host, ':') && inet_pton(AF_INET6, host, v6) == 1 &&
		    inet_ntop(AF_INET6, v6, v6text, sizeof(v6text))) {
			snprintf(host, sizeof(host), "%s", v6text);
		}
		char canon[300];
		int clen = snprintf(canon, sizeof(canon), "%s:%u", host, port);
		zval *first = zend_hash_str_find(&seen, canon, (size_t)clen);
		if (first) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "%s option \"%s\": nodes %ld and %ld are the same node (%s): list each node once",
			               backend, option, (long)Z_LVAL_P(first), (long)pos, Z_STRVAL_P(zv));
			ok = false;
			break;
		}
		zval zp;
		ZVAL_LONG(&zp, pos);
		zend_hash_str_add(&seen, canon, (size_t)clen, &zp);
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(&seen);
	return ok;
}

const char **tagcache_redis_node_list(const zend_array *nodes, size_t *n)
{
	*n = 0;
	if (!nodes) {
		return NULL;
	}
	const char **list = ecalloc(zend_hash_num_elements(nodes) + 1, sizeof(*list));
	zval *zv;
	/* the check accepted only strings in this very copy */
	ZEND_HASH_FOREACH_VAL((zend_array *)nodes, zv) {
		list[(*n)++] = Z_STRVAL_P(zv);
	} ZEND_HASH_FOREACH_END();
	return list;
}
