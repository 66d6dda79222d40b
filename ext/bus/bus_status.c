/* Bus::getStatus() (the stream, every node's lag, the proxies' outboxes, the kept clears),
 * Bus::countKept() and Bus::trim(). */
#include "bus_pub.h"
#include "exceptions.h"

#include <sys/time.h>

static void add_id(zval *arr, const char *key, const char *id)
{
	if (id[0]) {
		add_assoc_string(arr, key, id);
	} else {
		add_assoc_null(arr, key);
	}
}

static void throw_status(tagcache_bus_obj *b, const char *what, const tc_err *err)
{
	tagcache_throw(tagcache_bus_exception_ce, "Reading the %s of stream \"%s\" failed: %s", what,
	               ZSTR_VAL(b->stream_key), err->msg);
}

ZEND_METHOD(TagCache_Bus_Bus, countKept)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_bus_obj *b = tagcache_bus_ready(Z_OBJ_P(ZEND_THIS));
	if (!b) {
		RETURN_THROWS();
	}
	/* a throwing bus sends kept batches too (and keeps at release), so it counts them as well */
	RETURN_LONG(tagcache_bus_keep_count(b));
}

ZEND_METHOD(TagCache_Bus_Bus, getStatus)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_bus_obj *b = tagcache_bus_ready(Z_OBJ_P(ZEND_THIS));
	if (!b) {
		RETURN_THROWS();
	}
	tc_err err;
	tc_err_clear(&err);
	tc_bus_stream_info info;
	memset(&info, 0, sizeof(info));
	if (tc_bus_info(&b->stream, &info, &err) != TC_OK) {
		throw_status(b, "state", &err);
		RETURN_THROWS();
	}
	tc_bus_outbox_info *boxes = NULL;
	size_t nboxes = 0;
	if (tc_bus_outbox_list(&b->stream, &boxes, &nboxes, &err) != TC_OK) {
		tc_bus_info_free(&info);
		throw_status(b, "outboxes", &err);
		RETURN_THROWS();
	}
	array_init(return_value);
	zval stream, nodes, outbox;
	array_init(&stream);
	add_assoc_long(&stream, "length", info.exists ? (zend_long)info.length : 0);
	add_id(&stream, "firstId", info.exists ? info.first_id : "");
	add_id(&stream, "lastId", info.exists ? info.last_id : "");
	add_id(&stream, "maxDeletedId", info.exists ? info.max_deleted_id : "");
	add_assoc_zval(return_value, "stream", &stream);

	array_init(&nodes);
	for (size_t i = 0; i < info.ngroups; i++) {
		tc_bus_group_info *g = &info.groups[i];
		zval node;
		array_init(&node);
		if (g->lag >= 0) {
			add_assoc_long(&node, "lag", (zend_long)g->lag);
		} else {
			add_assoc_null(&node, "lag");
		}
		add_assoc_long(&node, "pending", (zend_long)g->pending);
		add_id(&node, "lastDeliveredId", g->last_delivered);
		add_assoc_bool(&node, "gap", g->gap);
		add_assoc_zval(&nodes, g->name, &node);
	}
	add_assoc_zval(return_value, "nodes", &nodes);

	struct timeval tv;
	gettimeofday(&tv, NULL);
	uint64_t now = (uint64_t)tv.tv_sec * 1000 + (uint64_t)tv.tv_usec / 1000;
	array_init(&outbox);
	for (size_t i = 0; i < nboxes; i++) {
		tc_bus_outbox_info *o = &boxes[i];
		zval box;
		array_init(&box);
		add_assoc_long(&box, "size", (zend_long)o->size);
		add_assoc_double(&box, "oldestAge", o->oldest_ms && now > o->oldest_ms ? (double)(now - o->oldest_ms) / 1000 : 0.0);
		add_assoc_long(&box, "attempts", (zend_long)o->attempts);
		if (o->next_ms) {
			add_assoc_double(&box, "nextRetry", (double)o->next_ms / 1000);
		} else {
			add_assoc_null(&box, "nextRetry");
		}
		add_assoc_long(&box, "dropped", (zend_long)o->dropped);
		add_assoc_zval(&outbox, o->proxy, &box);
	}
	add_assoc_zval(return_value, "outbox", &outbox);
	add_assoc_long(return_value, "kept", tagcache_bus_keep_count(b));
	tc_bus_outbox_infos_free(boxes, nboxes);
	tc_bus_info_free(&info);
}

ZEND_METHOD(TagCache_Bus_Bus, trim)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_bus_obj *b = tagcache_bus_ready(Z_OBJ_P(ZEND_THIS));
	if (!b) {
		RETURN_THROWS();
	}
	tc_err err;
	tc_err_clear(&err);
	uint64_t removed = 0;
	if (tc_bus_trim(&b->stream, &removed, &err) != TC_OK) {
		tagcache_throw(tagcache_bus_exception_ce, "Trimming stream \"%s\" failed: %s", ZSTR_VAL(b->stream_key), err.msg);
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)removed);
}
