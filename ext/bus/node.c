/* TagCache\Bus\Node: the object and poll(): group, gap check, pending and new entries,
 * acknowledgements, then the outboxes that are due. The constructor and its options are in
 * node_options.c, applying a message in node_apply.c, sending a poll's purges to the proxies
 * in node_send.c, the outboxes in node_outbox.c. */
#include <sys/time.h>

#include "node_obj.h"
#include "exceptions.h"

static zend_object_handlers node_handlers;

uint64_t tagcache_node_now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000 + (uint64_t)tv.tv_usec / 1000;
}

static zend_object *node_create(zend_class_entry *ce)
{
	tagcache_node_obj *n = zend_object_alloc(sizeof(tagcache_node_obj), ce);
	zend_object_std_init(&n->std, ce);
	object_properties_init(&n->std, ce);
	n->std.handlers = &node_handlers;
	ZVAL_UNDEF(&n->bus);
	ZVAL_UNDEF(&n->manager);
	zend_hash_init(&n->sources, 4, NULL, ZVAL_PTR_DTOR, 0);
	n->read_pending = true;
	return &n->std;
}

static void node_free(zend_object *obj)
{
	tagcache_node_obj *n = tagcache_node_from_obj(obj);
	for (size_t i = 0; i < n->nproxies; i++) {
		zend_string_release(n->proxies[i].name);
		zval_ptr_dtor(&n->proxies[i].client);
	}
	if (n->proxies) {
		efree(n->proxies);
	}
	zend_hash_destroy(&n->sources);
	if (n->name) {
		zend_string_release(n->name);
	}
	zval_ptr_dtor(&n->bus);
	zval_ptr_dtor(&n->manager);
	zend_object_std_dtor(obj);
}

static HashTable *node_get_gc(zend_object *obj, zval **table, int *count)
{
	tagcache_node_obj *n = tagcache_node_from_obj(obj);
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();
	zend_get_gc_buffer_add_zval(buf, &n->bus);
	zend_get_gc_buffer_add_zval(buf, &n->manager);
	for (size_t i = 0; i < n->nproxies; i++) {
		zend_get_gc_buffer_add_zval(buf, &n->proxies[i].client);
	}
	zend_get_gc_buffer_use(buf, table, count);
	return zend_std_get_properties(obj);
}

void tagcache_bus_node_init(zend_class_entry *ce)
{
	ce->create_object = node_create;
	memcpy(&node_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	node_handlers.offset = XtOffsetOf(tagcache_node_obj, std);
	node_handlers.free_obj = node_free;
	node_handlers.get_gc = node_get_gc;
	node_handlers.clone_obj = NULL;
}

static tagcache_node_obj *node_ready(zend_object *obj)
{
	tagcache_node_obj *n = tagcache_node_from_obj(obj);
	if (!n->ready) {
		zend_throw_error(NULL, "TagCache\\Bus\\Node was not constructed");
		return NULL;
	}
	return n;
}

PHP_METHOD(TagCache_Bus_Node, getName)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_node_obj *n = node_ready(Z_OBJ_P(ZEND_THIS));
	if (!n) {
		RETURN_THROWS();
	}
	RETURN_STR_COPY(n->name);
}

PHP_METHOD(TagCache_Bus_Node, getStats)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_node_obj *n = node_ready(Z_OBJ_P(ZEND_THIS));
	if (!n) {
		RETURN_THROWS();
	}
	tagcache_node_stats *s = &n->stats;
	array_init(return_value);
	add_assoc_long(return_value, "applied", s->applied);
	add_assoc_long(return_value, "gaps", s->gaps);
	add_assoc_long(return_value, "gapFlushes", s->gap_flushes);
	add_assoc_long(return_value, "gapBans", s->gap_bans);
	add_assoc_long(return_value, "redelivered", s->redelivered);
	add_assoc_long(return_value, "purgesSent", s->purges_sent);
	add_assoc_long(return_value, "purgesOutboxed", s->purges_outboxed);
	add_assoc_long(return_value, "purgesDelivered", s->purges_delivered);
	add_assoc_long(return_value, "purgesDropped", s->purges_dropped);
	add_assoc_long(return_value, "errors", s->errors);
}


/* ---- poll ------------------------------------------------------------------------------- */

typedef struct {
	tagcache_node_obj *n;
	tagcache_bus_obj *bus;
	zend_object *cause;  /* the first exception a cache threw */
	zend_long applied;   /* messages */
	size_t failed;       /* entries left unacknowledged */
	bool redis_failed;   /* err holds the reason */
	bool gap_flushed;    /* this poll flushed for a gap already */
	tc_err err;
	zval warnings;       /* raised at the end, once no cache code runs any more */
} poll_run;

static void warn(poll_run *r, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);
static void warn(poll_run *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zend_string *msg = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	add_next_index_str(&r->warnings, msg);
}

/* Entries the node never applied are gone: flush what the sources reach, once per poll, and
 * ban every page on the proxies (the purges those entries held are unknown). */
static int gap_flush(poll_run *r)
{
	if (r->gap_flushed) {
		return TAGCACHE_NODE_APPLIED;
	}
	r->n->stats.gaps++;
	int rc = tagcache_node_flush_reached(r->n, &r->cause);
	if (rc != TAGCACHE_NODE_ABORT && r->n->nproxies && r->n->gap_ban) {
		/* Even when a cache failed: the proxies' share of the gap is not held up by it (the
		 * gap is handled again on the next poll, and a second ban is harmless). */
		int ban = tagcache_node_ban_all(r->n, r->bus, &r->cause, &r->warnings);
		rc = ban < rc ? ban : rc;
	}
	if (rc == TAGCACHE_NODE_APPLIED) {
		r->gap_flushed = true;
	} else if (rc == TAGCACHE_NODE_FAILED) {
		r->n->stats.errors++;
	}
	return rc;
}

static bool redis_ok(poll_run *r, tc_status st)
{
	if (st != TC_OK) {
		r->redis_failed = true;
		return false;
	}
	return true;
}

/* After a gap: the group exists (a restart without persistence lost it) and resumes at id. */
static bool resume_group(poll_run *r, const char *id)
{
	tc_bus_stream *s = &r->bus->stream;
	int created = 0;
	return redis_ok(r, tc_bus_group_ensure(s, ZSTR_VAL(r->n->name), &created, &r->err)) &&
	       redis_ok(r, tc_bus_group_setid(s, ZSTR_VAL(r->n->name), id[0] ? id : "0-0", &r->err));
}

/* Reads entries; a group that vanished under a running node (Redis restarted empty and the
 * stream is gone too) is a gap: flush, recreate, read again. */
static bool read_entries(poll_run *r, bool pending, unsigned block_ms, tc_bus_entry **e, size_t *k)
{
	tc_bus_stream *s = &r->bus->stream;
	const char *name = ZSTR_VAL(r->n->name);
	for (int attempt = 0;; attempt++) {
		*e = NULL;
		*k = 0;
		tc_status st = tc_bus_read(s, name, pending, (size_t)r->n->batch_size, block_ms, e, k, &r->err);
		if (st == TC_OK) {
			return true;
		}
		if (st != TC_ERR_ARG || attempt > 0 || !strstr(r->err.msg, "no group")) {
			r->redis_failed = true;
			return false;
		}
		if (gap_flush(r) != TAGCACHE_NODE_APPLIED || !resume_group(r, "0-0")) {
			return false;
		}
	}
}

/* Applies entries in read order: each one's caches at once, its purges queued for the
 * proxies; then the purges of all of them are sent together (or outboxed) and only then are
 * the entries acknowledged. */
static void process(poll_run *r, tc_bus_entry *e, size_t count, bool pending)
{
	tagcache_node_obj *n = r->n;
	/* Per entry: 0 not acknowledged, else acknowledged, applied[i] - 1 messages applied. */
	zend_long *done = count ? ecalloc(count, sizeof(zend_long)) : NULL;
	bool *bad = count ? ecalloc(count, sizeof(bool)) : NULL;
	n->batch = n->nproxies && count ? tagcache_node_batch_new(n) : NULL;
	for (size_t i = 0; i < count && !EG(exception); i++) {
		if (n->batch) {
			tagcache_node_batch_entry(n->batch, i);
		}
		if (!e[i].payload) {
			if (pending) {
				/* Trimmed by the stream's cap while it waited unacknowledged: its clears are
				 * lost like a gap's. */
				int rc = gap_flush(r);
				if (rc == TAGCACHE_NODE_ABORT) {
					break;
				}
				if (rc != TAGCACHE_NODE_APPLIED) {
					r->failed++;
					continue;
				}
			} else {
				n->stats.errors++;
				warn(r, "TagCache\\Bus\\Node \"%s\": stream entry %s has no payload; acknowledged and skipped", ZSTR_VAL(n->name), e[i].id);
			}
			done[i] = 1;
			continue;
		}
		tc_bus_batch b;
		tc_bus_batch_init(&b);
		tc_err derr;
		tc_err_clear(&derr);
		if (tc_bus_batch_decode(e[i].payload, e[i].len, &b, &derr) != TC_OK) {
			n->stats.errors++;
			warn(r, "TagCache\\Bus\\Node \"%s\": stream entry %s is not a valid batch (%s); acknowledged and skipped", ZSTR_VAL(n->name),
			     e[i].id, derr.msg);
			done[i] = 1;
			continue;
		}
		int rc = tagcache_node_apply_batch(n, r->bus, &b, &r->cause, &r->warnings);
		if (rc == TAGCACHE_NODE_APPLIED) {
			done[i] = 1 + (zend_long)b.n;
		} else if (rc == TAGCACHE_NODE_SKIPPED) {
			done[i] = 1;
		} else if (rc == TAGCACHE_NODE_FAILED) {
			n->stats.errors++;
			r->failed++;
		}
		tc_bus_batch_free(&b);
	}
	if (n->batch) {
		/* Even after exit() in a cache's code: the entries before it are acknowledged below,
		 * so their purges must be sent or kept. */
		tagcache_node_batch *batch = n->batch;
		n->batch = NULL;
		tagcache_node_batch_flush(n, r->bus, batch, bad, &r->cause, &r->warnings);
	}
	char(*acks)[TC_BUS_ID_MAX] = count ? safe_emalloc(count, TC_BUS_ID_MAX, 0) : NULL;
	size_t nack = 0;
	for (size_t i = 0; i < count; i++) {
		if (!done[i]) {
			continue;
		}
		if (bad[i]) {
			/* Its purges could not be kept for a failed proxy: stays pending. */
			n->stats.errors++;
			r->failed++;
			continue;
		}
		r->applied += done[i] - 1;
		n->stats.applied += done[i] - 1;
		memcpy(acks[nack++], e[i].id, TC_BUS_ID_MAX);
	}
	/* Acknowledged even after exit() in a cache's code: those entries are applied. */
	if (nack) {
		tc_err aerr;
		tc_err_clear(&aerr);
		if (tc_bus_ack(&r->bus->stream, ZSTR_VAL(n->name), nack, (const char(*)[TC_BUS_ID_MAX])acks, &aerr) != TC_OK && !r->redis_failed) {
			r->redis_failed = true;
			r->err = aerr;
		}
	}
	if (acks) {
		efree(acks);
		efree(done);
		efree(bad);
	}
}

static void run_poll(poll_run *r, double timeout)
{
	tagcache_node_obj *n = r->n;
	tc_bus_stream *s = &r->bus->stream;
	const char *name = ZSTR_VAL(n->name);
	bool check_gap = true;
	/* Before the gap check: a gap's ban must queue behind purges already waiting. */
	if (n->nproxies && !n->outbox_loaded) {
		if (!tagcache_node_outbox_load(n, r->bus, &r->err)) {
			r->redis_failed = true;
			return;
		}
	}
	if (!n->group_ready) {
		/* The group starts at the stream's end. On a stream that already holds entries this
		 * is a node new to it or one whose group Redis lost (restarted empty, the stream since
		 * recreated by a publisher): the two look alike and the second missed clears, so both
		 * flush once, as for a gap. */
		int created = 0;
		if (!redis_ok(r, tc_bus_group_ensure(s, name, &created, &r->err))) {
			return;
		}
		if (created) {
			tc_bus_stream_info info;
			if (!redis_ok(r, tc_bus_info(s, &info, &r->err))) {
				return;
			}
			n->join_flush_due = info.exists && info.length > 0;
			tc_bus_info_free(&info);
		}
		n->group_ready = true;
		check_gap = !created;
	}
	if (n->join_flush_due) {
		/* until it succeeds: the group is at the end now, no later check would see a gap */
		if (gap_flush(r) != TAGCACHE_NODE_APPLIED) {
			return;
		}
		n->join_flush_due = false;
	}
	if (check_gap) {
		int gap = 0;
		char resume[TC_BUS_ID_MAX] = "";
		if (!redis_ok(r, tc_bus_gap_check(s, name, &gap, resume, &r->err))) {
			return;
		}
		if (gap && (gap_flush(r) != TAGCACHE_NODE_APPLIED || !resume_group(r, resume))) {
			return;
		}
	}
	tc_bus_entry *e;
	size_t k;
	bool got = false;
	if (n->read_pending) {
		if (!read_entries(r, true, 0, &e, &k)) {
			return;
		}
		n->stats.redelivered += (zend_long)k;
		size_t failed_before = r->failed;
		process(r, e, k, true);
		tc_bus_entries_free(e, k);
		if (EG(exception) || r->redis_failed) {
			return;
		}
		n->read_pending = k == (size_t)n->batch_size || r->failed > failed_before;
		got = k > 0;
	}
	unsigned block_ms = got ? 0 : (unsigned)(timeout * 1000 + 0.5);
	if (!read_entries(r, false, block_ms, &e, &k)) {
		return;
	}
	process(r, e, k, false);
	tc_bus_entries_free(e, k);
	if (r->failed) {
		n->read_pending = true;
	}
}

static void raise_warnings(poll_run *r)
{
	zval *w;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(r->warnings), w) {
		if (EG(exception)) {
			break;
		}
		php_error_docref(NULL, E_WARNING, "%s", Z_STRVAL_P(w));
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&r->warnings);
}

/* Throws what the run collected: a Redis failure, else the entries a cache failed on. */
static bool finish(poll_run *r)
{
	tagcache_node_obj *n = r->n;
	n->busy = false;
	if (EG(exception)) {
		/* exit() in a cache's code: nothing more of ours runs */
		zval_ptr_dtor(&r->warnings);
		if (r->cause) {
			OBJ_RELEASE(r->cause);
		}
		return false;
	}
	raise_warnings(r);
	if (EG(exception)) {
		if (r->cause) {
			OBJ_RELEASE(r->cause);
		}
		return false;
	}
	if (r->redis_failed) {
		/* Outbox states are read again on the next connection. The group stays known: if
		 * Redis lost it, the next gap check finds that (and flushes) before anything else. */
		n->outbox_loaded = false;
		n->stats.errors++;
		tagcache_throw(tagcache_bus_exception_ce, "TagCache\\Bus\\Node \"%s\": %s", ZSTR_VAL(n->name), r->err.msg);
	} else if (r->cause) {
		/* Only a string message is shown: converting anything else could run more PHP code. */
		zval rv, *m = zend_read_property_ex(r->cause->ce, r->cause, ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &rv);
		zend_string *msg = Z_TYPE_P(m) == IS_STRING ? zend_string_copy(Z_STR_P(m)) : zend_string_init("(no message)", sizeof("(no message)") - 1, 0);
		if (m == &rv) {
			zval_ptr_dtor(&rv);
		}
		if (r->failed) {
			tagcache_throw(tagcache_bus_exception_ce, "TagCache\\Bus\\Node \"%s\": %zu stream entr%s could not be applied and stay pending for the next poll: %s",
			               ZSTR_VAL(n->name), r->failed, r->failed == 1 ? "y" : "ies", ZSTR_VAL(msg));
		} else {
			tagcache_throw(tagcache_bus_exception_ce, "TagCache\\Bus\\Node \"%s\": flushing the caches after a gap failed: %s", ZSTR_VAL(n->name),
			               ZSTR_VAL(msg));
		}
		zend_string_release(msg);
	} else {
		return true;
	}
	if (r->cause) {
		zend_exception_set_previous(EG(exception), r->cause);
		r->cause = NULL;
	}
	return false;
}

/* The node and its bus, ready for a run; NULL after throwing. */
static tagcache_node_obj *begin(zval *this_zv, poll_run *r, const char *what)
{
	tagcache_node_obj *n = node_ready(Z_OBJ_P(this_zv));
	if (!n) {
		return NULL;
	}
	if (n->busy) {
		zend_throw_error(NULL, "TagCache\\Bus\\Node::%s() cannot run while this node is applying messages (called from a cache's code)", what);
		return NULL;
	}
	tagcache_bus_obj *bus = tagcache_bus_ready(Z_OBJ(n->bus));
	if (!bus) {
		return NULL;
	}
	memset(r, 0, sizeof(*r));
	r->n = n;
	r->bus = bus;
	tc_err_clear(&r->err);
	array_init(&r->warnings);
	n->busy = true;
	return n;
}

PHP_METHOD(TagCache_Bus_Node, poll)
{
	double timeout = 0.0;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_DOUBLE(timeout)
	ZEND_PARSE_PARAMETERS_END();
	if (!(timeout >= 0 && timeout <= 86400)) {
		zend_argument_value_error(1, "must be a number of seconds from 0 to 86400");
		RETURN_THROWS();
	}
	poll_run r;
	tagcache_node_obj *n = begin(ZEND_THIS, &r, "poll");
	if (!n) {
		RETURN_THROWS();
	}
	run_poll(&r, timeout);
	if (r.redis_failed) {
		/* a lost reply may have delivered entries to this node: read them as pending next */
		n->read_pending = true;
	}
	if (!EG(exception) && !r.redis_failed && n->nproxies) {
		zend_long delivered = 0;
		if (!tagcache_node_outbox_retry(n, r.bus, false, &delivered, &r.warnings, &r.err)) {
			r.redis_failed = true;
		}
	}
	zend_long applied = r.applied;
	if (!finish(&r)) {
		RETURN_THROWS();
	}
	RETURN_LONG(applied);
}

PHP_METHOD(TagCache_Bus_Node, retryOutbox)
{
	ZEND_PARSE_PARAMETERS_NONE();
	poll_run r;
	tagcache_node_obj *n = begin(ZEND_THIS, &r, "retryOutbox");
	if (!n) {
		RETURN_THROWS();
	}
	zend_long delivered = 0;
	if (n->nproxies) {
		if ((!n->outbox_loaded && !tagcache_node_outbox_load(n, r.bus, &r.err)) ||
		    !tagcache_node_outbox_retry(n, r.bus, true, &delivered, &r.warnings, &r.err)) {
			r.redis_failed = true;
		}
	}
	if (!finish(&r)) {
		RETURN_THROWS();
	}
	RETURN_LONG(delivered);
}
