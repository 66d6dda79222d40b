/* Sending purges to the node's proxies. During one poll the purges of every message read are
 * queued on the clients of the proxies whose outbox is empty and sent once at the end, all
 * proxies in parallel (one tc_http_send_pairs run over all the clients' queues), so a node
 * with proxies costs one round trip per poll instead of one per message and proxy. Each
 * proxy keeps its own VarnishClient, so every result belongs to exactly one proxy: a proxy
 * that failed gets all of the poll's messages meant for it in its outbox, in read order
 * (re-sending those it did take is harmless: purges are idempotent). Outbox retries send one
 * message at a time (tagcache_node_send) to stop at the first failure. */
#include "node_obj.h"
#include "exceptions.h"
#include "http/http.h"
#include "../http/varnish_obj.h"
#include "tc_alloc.h"

/* One message queued on at least one proxy, kept encoded for the outbox. */
typedef struct {
	char *member; /* tc_bus_msg_encode, tc_malloc'd */
	size_t len;
	size_t entry; /* the stream entry it came from (tagcache_node_batch.entry) */
} queued_msg;

/* A proxy's share of the batch. Tag and location clears are merged per proxy (one BAN or
 * PURGEKEYS for many of them, as few as fit the header limit) when the batch is sent. */
typedef struct {
	size_t *idx; /* into queued_msg, in read order; DROPPED when the proxy refused it */
	size_t count, cap;
	zval values[2]; /* [0] tags, [1] location ids (IS_UNDEF while none) */
} proxy_list;

#define DROPPED ((size_t)-1)

struct tagcache_node_batch {
	queued_msg *msgs;
	size_t count, cap;
	proxy_list *lists; /* one per proxy */
	size_t nproxies;
	size_t entry;
};

/* Queues m on the proxy's client. false: the client refused it (thrown). */
static bool queue(zend_object *client, const tc_bus_msg *m)
{
	zval list;
	array_init_size(&list, (uint32_t)m->args.count);
	size_t pos = 0;
	tc_str item;
	while (tc_strlist_next(&m->args, &pos, &item)) {
		add_next_index_stringl(&list, item.ptr, item.len);
	}
	bool ok = true;
	switch (m->op) {
	case TC_BUS_FLUSH_TAGS:
	case TC_BUS_PURGE_TAGS:
		ok = tagcache_varnish_queue_values(client, Z_ARRVAL(list), false);
		break;
	case TC_BUS_PURGE_LOCATIONS:
		ok = tagcache_varnish_queue_values(client, Z_ARRVAL(list), true);
		break;
	case TC_BUS_PURGE_URLS: {
		zval *url, ret;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(list), url) {
			ZVAL_UNDEF(&ret);
			zend_call_method_with_1_params(client, client->ce, NULL, "purge", &ret, url);
			zval_ptr_dtor(&ret);
			if (EG(exception)) {
				ok = false;
				break;
			}
		} ZEND_HASH_FOREACH_END();
		break;
	}
	case TC_BUS_BAN_PATH: {
		zend_string *regex = zend_string_init(m->entry.ptr, m->entry.len, 0);
		zend_string *ct = m->has_cache ? zend_string_init(m->cache.ptr, m->cache.len, 0) : NULL;
		ok = tagcache_varnish_queue_ban_path(client, regex, ct, Z_ARRVAL(list));
		zend_string_release(regex);
		if (ct) {
			zend_string_release(ct);
		}
		break;
	}
	default:
		break; /* nothing for proxies */
	}
	zval_ptr_dtor(&list);
	return ok;
}

/* Queues m on p's client; INVALID (a warning added, the exception cleared) when refused. */
static int queue_or_warn(tagcache_node_obj *n, tagcache_node_proxy *p, const tc_bus_msg *m, zval *warnings)
{
	if (queue(Z_OBJ(p->client), m)) {
		return TAGCACHE_NODE_SENT;
	}
	zend_object *ex = EG(exception);
	zval rv, *msg = zend_read_property_ex(ex->ce, ex, ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &rv);
	add_next_index_str(warnings, zend_strpprintf(0, "TagCache\\Bus\\Node \"%s\": a %s message cannot be sent to proxy %s and was dropped: %s",
	                                             ZSTR_VAL(n->name), tc_bus_op_name(m->op), ZSTR_VAL(p->name),
	                                             Z_TYPE_P(msg) == IS_STRING ? Z_STRVAL_P(msg) : "(no message)"));
	if (msg == &rv) {
		zval_ptr_dtor(&rv);
	}
	/* What the message queued before the refusal stays queued: valid purges, sent with the
	 * next flush. */
	zend_clear_exception();
	return TAGCACHE_NODE_INVALID;
}

int tagcache_node_send(tagcache_node_obj *n, tagcache_node_proxy *p, const tc_bus_msg *m, zval *warnings)
{
	int rc = queue_or_warn(n, p, m, warnings);
	if (rc != TAGCACHE_NODE_SENT) {
		return rc;
	}
	if (tagcache_varnish_flush(Z_OBJ(p->client), false) < 0) {
		zend_clear_exception();
		return TAGCACHE_NODE_SEND_FAILED;
	}
	return TAGCACHE_NODE_SENT;
}

/* 0: the message's args are tags, 1: location ids, -1: not merged. */
static int merged_kind(const tc_bus_msg *m)
{
	switch (m->op) {
	case TC_BUS_FLUSH_TAGS:
	case TC_BUS_PURGE_TAGS:
		return 0;
	case TC_BUS_PURGE_LOCATIONS:
		return 1;
	default:
		return -1;
	}
}

/* Queues proxy i's merged tags and location ids. When the client refuses a list (a value
 * breaking the tag rule), each of its messages is queued alone: only the bad ones are
 * dropped, with a warning. */
static void merge_values(tagcache_node_obj *n, tagcache_node_batch *b, size_t i, zval *warnings)
{
	tagcache_node_proxy *p = &n->proxies[i];
	proxy_list *l = &b->lists[i];
	for (int kind = 0; kind < 2; kind++) {
		if (Z_TYPE(l->values[kind]) != IS_ARRAY) {
			continue;
		}
		if (tagcache_varnish_queue_values(Z_OBJ(p->client), Z_ARRVAL(l->values[kind]), kind == 1)) {
			continue;
		}
		zend_clear_exception();
		for (size_t k = 0; k < l->count; k++) {
			tc_bus_msg m;
			tc_err err;
			tc_err_clear(&err);
			if (l->idx[k] == DROPPED || tc_bus_msg_decode(b->msgs[l->idx[k]].member, b->msgs[l->idx[k]].len, &m, &err) != TC_OK) {
				continue;
			}
			if (merged_kind(&m) == kind && queue_or_warn(n, p, &m, warnings) == TAGCACHE_NODE_INVALID) {
				n->stats.errors++;
				l->idx[k] = DROPPED;
			}
			tc_bus_msg_free(&m);
		}
	}
}

tagcache_node_batch *tagcache_node_batch_new(tagcache_node_obj *n)
{
	tagcache_node_batch *b = ecalloc(1, sizeof(*b));
	b->nproxies = n->nproxies;
	b->lists = n->nproxies ? ecalloc(n->nproxies, sizeof(proxy_list)) : NULL;
	return b;
}

void tagcache_node_batch_entry(tagcache_node_batch *b, size_t entry)
{
	b->entry = entry;
}

static void batch_free(tagcache_node_batch *b)
{
	for (size_t i = 0; i < b->count; i++) {
		tc_free(b->msgs[i].member);
	}
	if (b->msgs) {
		efree(b->msgs);
	}
	for (size_t i = 0; i < b->nproxies; i++) {
		if (b->lists[i].idx) {
			efree(b->lists[i].idx);
		}
		zval_ptr_dtor(&b->lists[i].values[0]);
		zval_ptr_dtor(&b->lists[i].values[1]);
	}
	if (b->lists) {
		efree(b->lists);
	}
	efree(b);
}

int tagcache_node_batch_queue(tagcache_node_obj *n, tagcache_node_batch *b, tagcache_node_proxy *p, const tc_bus_msg *m,
                              bool *encoded, zval *warnings)
{
	proxy_list *l = &b->lists[p - n->proxies];
	int kind = merged_kind(m);
	if (kind >= 0) {
		/* Checked when the merged list is queued (merge_values). */
		zval *values = &l->values[kind];
		if (Z_TYPE_P(values) == IS_UNDEF) {
			array_init(values);
		}
		size_t pos = 0;
		tc_str item;
		while (tc_strlist_next(&m->args, &pos, &item)) {
			add_next_index_stringl(values, item.ptr, item.len);
		}
	} else {
		int rc = queue_or_warn(n, p, m, warnings);
		if (rc != TAGCACHE_NODE_SENT) {
			return rc;
		}
	}
	if (!*encoded) {
		/* Once per message, however many proxies take it. */
		tc_err err;
		tc_err_clear(&err);
		char *member = NULL;
		size_t len = 0;
		if (tc_bus_msg_encode(m, &member, &len, &err) != TC_OK) {
			/* Only out of memory (the message was just decoded): sent, but never outboxed. */
			return TAGCACHE_NODE_SENT;
		}
		if (b->count == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 16;
			b->msgs = safe_erealloc(b->msgs, b->cap, sizeof(queued_msg), 0);
		}
		b->msgs[b->count++] = (queued_msg){member, len, b->entry};
		*encoded = true;
	}
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->idx = safe_erealloc(l->idx, l->cap, sizeof(size_t), 0);
	}
	l->idx[l->count++] = b->count - 1;
	return TAGCACHE_NODE_SENT;
}

/* Moves proxy i's messages of this batch to its outbox, in read order. false: Redis failed. */
static bool to_outbox(tagcache_node_obj *n, tagcache_bus_obj *bus, tagcache_node_batch *b, size_t i, tc_err *err)
{
	proxy_list *l = &b->lists[i];
	const char **members = safe_emalloc(l->count, sizeof(char *), 0);
	size_t *lens = safe_emalloc(l->count, sizeof(size_t), 0);
	size_t count = 0;
	for (size_t k = 0; k < l->count; k++) {
		if (l->idx[k] != DROPPED) {
			members[count] = b->msgs[l->idx[k]].member;
			lens[count++] = b->msgs[l->idx[k]].len;
		}
	}
	bool ok = tagcache_node_outbox_add_members(n, bus, &n->proxies[i], count, members, lens, err);
	efree(members);
	efree(lens);
	return ok;
}

/* Sends the queues of the proxies in sel all at once; failed[k] says whether any request to
 * sel[k] failed. Second sends (proxyOptions secondSendDelay) are recorded for the successes. */
static void send_all(tagcache_node_obj *n, const size_t *sel, size_t nsel, bool *failed)
{
	size_t nreq = 0;
	for (size_t k = 0; k < nsel; k++) {
		nreq += varnish_from(Z_OBJ(n->proxies[sel[k]].client))->queue.count;
	}
	tc_proxy *proxies = safe_emalloc(nsel, sizeof(tc_proxy), 0);
	tc_http_request *reqs = safe_emalloc(nreq, sizeof(tc_http_request), 0);
	tc_send_pair *pairs = safe_emalloc(nreq, sizeof(tc_send_pair), 0);
	tc_send_result *results = ecalloc(nreq, sizeof(tc_send_result));
	tc_send_options opts = varnish_from(Z_OBJ(n->proxies[sel[0]].client))->send;
	opts.max_connections = 0;
	size_t r = 0;
	for (size_t k = 0; k < nsel; k++) {
		varnish_obj *v = varnish_from(Z_OBJ(n->proxies[sel[k]].client));
		proxies[k] = v->proxies.items[0];
		/* Each client alone may have max_connections in flight: so may the run, together. */
		opts.max_connections += v->send.max_connections;
		for (size_t q = 0; q < v->queue.count; q++, r++) {
			reqs[r] = v->queue.items[q]; /* borrowed: the client's queue owns it */
			pairs[r] = (tc_send_pair){r, k};
		}
	}
	tc_err err;
	tc_err_clear(&err);
	bool ran = tc_http_send_pairs(&opts, proxies, nsel, reqs, pairs, nreq, results, &err) == TC_OK;
	double now = tc_delay_now();
	r = 0;
	for (size_t k = 0; k < nsel; k++) {
		varnish_obj *v = varnish_from(Z_OBJ(n->proxies[sel[k]].client));
		failed[k] = !ran;
		for (size_t q = 0; q < v->queue.count; q++, r++) {
			if (!ran || results[r].outcome != TC_SEND_OK) {
				failed[k] = true;
			} else if (v->second_delay > 0 && !EG(exception)) {
				if (!tagcache_varnish_delay_record(v, &v->queue.items[q], 0, now)) {
					zend_clear_exception(); /* out of memory: the second send is only a safeguard */
				}
			}
		}
		tc_request_list_free(&v->queue);
		tc_request_list_init(&v->queue);
	}
	efree(proxies);
	efree(reqs);
	efree(pairs);
	efree(results);
}

/* Second sends that are due, as VarnishClient::flush() would send them; one that fails stays
 * in the client's queue for the next time. */
static void send_second(tagcache_node_obj *n)
{
	for (size_t i = 0; i < n->nproxies && !EG(exception); i++) {
		varnish_obj *v = varnish_from(Z_OBJ(n->proxies[i].client));
		if (v->delayed.count == 0) {
			continue;
		}
		zval failures;
		array_init(&failures);
		smart_str msg = {0};
		size_t sent = 0, nfailed = 0;
		if (!tagcache_varnish_send_due(v, &failures, &msg, &sent, &nfailed)) {
			zend_clear_exception();
		}
		zval_ptr_dtor(&failures);
		smart_str_free(&msg);
	}
}

int tagcache_node_batch_flush(tagcache_node_obj *n, tagcache_bus_obj *bus, tagcache_node_batch *b, bool *bad, zend_object **cause,
                              zval *warnings)
{
	int rc = TAGCACHE_NODE_APPLIED;
	bool aborting = EG(exception) != NULL;
	size_t *sel = safe_emalloc(MAX(1, b->nproxies), sizeof(size_t), 0);
	bool *failed = ecalloc(MAX(1, b->nproxies), sizeof(bool));
	size_t nsel = 0;
	for (size_t i = 0; i < b->nproxies; i++) {
		varnish_obj *v = varnish_from(Z_OBJ(n->proxies[i].client));
		if (!n->proxies[i].waiting && !aborting) {
			merge_values(n, b, i, warnings);
		}
		tc_request_list_dedupe(&v->queue);
		if (n->proxies[i].waiting || aborting) {
			/* Its outbox filled during this poll (a gap's ban failed): what was queued goes
			 * behind it instead of being sent. While exit() unwinds nothing may throw, so
			 * nothing is merged or sent: the outbox keeps it all for the next run. */
			tc_request_list_free(&v->queue);
			tc_request_list_init(&v->queue);
			continue;
		}
		if (v->queue.count) {
			sel[nsel++] = i;
		}
	}
	if (nsel) {
		send_all(n, sel, nsel, failed);
	}
	send_second(n);
	size_t k = 0;
	for (size_t i = 0; i < b->nproxies; i++) {
		tagcache_node_proxy *p = &n->proxies[i];
		proxy_list *l = &b->lists[i];
		bool sent = !p->waiting && !aborting && !(k < nsel && sel[k] == i && failed[k]);
		if (k < nsel && sel[k] == i) {
			k++;
		}
		size_t live = 0;
		for (size_t j = 0; j < l->count; j++) {
			live += l->idx[j] != DROPPED;
		}
		if (live == 0) {
			continue;
		}
		if (sent) {
			n->stats.purges_sent += (zend_long)live;
			continue;
		}
		tc_err err;
		tc_err_clear(&err);
		if (to_outbox(n, bus, b, i, &err)) {
			n->stats.purges_outboxed += (zend_long)live;
			continue;
		}
		/* The entries these purges came from stay pending: the next poll sends them again. */
		for (size_t j = 0; j < l->count && bad; j++) {
			if (l->idx[j] != DROPPED) {
				bad[b->msgs[l->idx[j]].entry] = true;
			}
		}
		if (!*cause && !EG(exception)) {
			tagcache_throw(tagcache_bus_exception_ce, "TagCache\\Bus\\Node \"%s\": cannot keep purges for proxy %s in its outbox: %s",
			               ZSTR_VAL(n->name), ZSTR_VAL(p->name), err.msg);
			tagcache_node_catch(cause);
		}
		rc = TAGCACHE_NODE_FAILED;
	}
	efree(sel);
	efree(failed);
	batch_free(b);
	return rc;
}
