/* Messages as PHP sees them (Bus::getPending(), Node::decode()): one array per message, its
 * keys depending on the op (ext/bus/bus.h); decode() adds publishedMs. */
#include "bus.h"
#include "exceptions.h"

#include <stdlib.h>

static void add_list(zval *arr, const char *key, const tc_strlist *l)
{
	zval list;
	array_init_size(&list, (uint32_t)l->count);
	size_t pos = 0;
	tc_str s;
	while (tc_strlist_next(l, &pos, &s)) {
		add_next_index_stringl(&list, s.ptr, s.len);
	}
	add_assoc_zval(arr, key, &list);
}

static void add_cache(zval *arr, const char *key, const tc_bus_msg *m)
{
	if (m->has_cache) {
		add_assoc_stringl(arr, key, m->cache.ptr, m->cache.len);
	} else {
		add_assoc_null(arr, key);
	}
}

void tagcache_bus_msg_to_zval(const tc_bus_msg *m, zend_string *app, zval *out)
{
	array_init(out);
	const char *name = tc_bus_op_name(m->op);
	add_assoc_string(out, "op", name ? name : "unknown");
	add_assoc_str(out, "application", app ? zend_string_copy(app) : ZSTR_EMPTY_ALLOC());
	switch (m->op) {
	case TC_BUS_FLUSH_ALL:
		add_assoc_bool(out, "persistent", m->persistent);
		break;
	case TC_BUS_FLUSH_CACHE:
		add_cache(out, "cache", m);
		break;
	case TC_BUS_FLUSH_TAGS:
		add_cache(out, "cache", m);
		add_list(out, "tags", &m->args);
		add_assoc_bool(out, "persistent", m->persistent);
		break;
	case TC_BUS_REMOVE:
		add_cache(out, "cache", m);
		add_assoc_stringl(out, "entry", m->entry.ptr, m->entry.len);
		break;
	case TC_BUS_PURGE_TAGS:
		add_list(out, "tags", &m->args);
		break;
	case TC_BUS_PURGE_LOCATIONS:
		add_list(out, "locations", &m->args);
		break;
	case TC_BUS_PURGE_URLS:
		add_list(out, "urls", &m->args);
		break;
	case TC_BUS_BAN_PATH:
		add_assoc_stringl(out, "pathRegex", m->entry.ptr, m->entry.len);
		add_cache(out, "contentType", m);
		add_list(out, "hosts", &m->args);
		break;
	}
}

ZEND_METHOD(TagCache_Bus_Node, decode)
{
	zend_string *payload;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(payload)
	ZEND_PARSE_PARAMETERS_END();
	tc_bus_batch batch;
	tc_err err;
	tc_err_clear(&err);
	tc_bus_batch_init(&batch);
	if (tc_bus_batch_decode(ZSTR_VAL(payload), ZSTR_LEN(payload), &batch, &err) != TC_OK) {
		tagcache_throw(tagcache_invalid_data_ce, "Bus payload of %zu bytes cannot be decoded: %s", ZSTR_LEN(payload), err.msg);
		RETURN_THROWS();
	}
	zend_string *app = zend_string_init(batch.app.ptr ? batch.app.ptr : "", batch.app.len, 0);
	array_init_size(return_value, (uint32_t)batch.n);
	for (size_t i = 0; i < batch.n; i++) {
		zval m;
		tagcache_bus_msg_to_zval(&batch.msgs[i], app, &m);
		/* when it was published (ms since the epoch): what a node measures its delay by */
		add_assoc_long(&m, "publishedMs", (zend_long)batch.published_ms);
		add_next_index_zval(return_value, &m);
	}
	zend_string_release(app);
	tc_bus_batch_free(&batch);
}
