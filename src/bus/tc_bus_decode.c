/* The strict decoder of bus messages and batches (format in tc_bus_int.h): payloads come from
 * a shared Redis stream, so any byte that is not exactly what the encoder writes is
 * TC_ERR_CORRUPT naming its offset, and a failed decode leaves nothing allocated. */
#include <string.h>

#include "tc_bus_int.h"
#include "../tc_alloc.h"

typedef struct {
	const unsigned char *p;
	size_t len, pos;
	const char *what; /* "bus message" or "bus batch" */
	tc_err *err;
} rd;

static tc_status corrupt(rd *r, const char *why)
{
	return tc_err_set(r->err, TC_ERR_CORRUPT, "%s: %s at offset %zu", r->what, why, r->pos);
}

static tc_status get_u8(rd *r, unsigned *v)
{
	if (r->len - r->pos < 1) {
		return corrupt(r, "truncated");
	}
	*v = r->p[r->pos++];
	return TC_OK;
}

static tc_status get_u32(rd *r, uint32_t *v)
{
	if (r->len - r->pos < 4) {
		return corrupt(r, "truncated");
	}
	const unsigned char *c = r->p + r->pos;
	*v = (uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 | (uint32_t)c[2] << 8 | c[3];
	r->pos += 4;
	return TC_OK;
}

/* A string of at most TC_BUS_MAX_STR bytes, borrowed from the input. */
static tc_status get_str(rd *r, tc_str *s)
{
	uint32_t n = 0;
	if (get_u32(r, &n) != TC_OK) {
		return TC_ERR_CORRUPT;
	}
	if (n > TC_BUS_MAX_STR) {
		r->pos -= 4;
		return corrupt(r, "string longer than 64 KiB");
	}
	if (r->len - r->pos < n) {
		return corrupt(r, "truncated string");
	}
	s->ptr = (const char *)r->p + r->pos;
	s->len = n;
	r->pos += n;
	return TC_OK;
}

static tc_status get_version(rd *r)
{
	unsigned v = 0;
	if (get_u8(r, &v) != TC_OK) {
		return TC_ERR_CORRUPT;
	}
	if (v != TC_BUS_VERSION) {
		r->pos--;
		return corrupt(r, "unknown format version");
	}
	return TC_OK;
}

static tc_status get_body_in(rd *r, size_t end, tc_bus_msg *m);

/* Reads one body ending exactly at end into *m (zeroed on failure): the reader is limited to
 * end meanwhile, so no string of a message reaches into the next one. */
static tc_status get_body(rd *r, size_t end, tc_bus_msg *m)
{
	size_t len = r->len;
	r->len = end;
	tc_status st = get_body_in(r, end, m);
	r->len = len;
	return st;
}

static tc_status get_body_in(rd *r, size_t end, tc_bus_msg *m)
{
	memset(m, 0, sizeof(*m));
	tc_strlist_init(&m->args);
	unsigned op = 0, flags = 0;
	tc_str cache = {"", 0}, entry = {"", 0};
	uint32_t nargs = 0;
	if (get_u8(r, &op) != TC_OK) {
		return TC_ERR_CORRUPT;
	}
	if (!tc_bus_op_name((tc_bus_op)op)) {
		r->pos--;
		return corrupt(r, "unknown op");
	}
	if (get_u8(r, &flags) != TC_OK) {
		return TC_ERR_CORRUPT;
	}
	if (flags & ~(TC_BUS_F_PERSISTENT | TC_BUS_F_HAS_CACHE)) {
		r->pos--;
		return corrupt(r, "unknown flags");
	}
	int has_cache = (flags & TC_BUS_F_HAS_CACHE) != 0;
	if (!has_cache && (op == TC_BUS_FLUSH_CACHE || op == TC_BUS_REMOVE)) {
		r->pos--;
		return corrupt(r, "no cache name for an op that needs one");
	}
	if (has_cache) {
		if (get_str(r, &cache) != TC_OK) {
			return TC_ERR_CORRUPT;
		}
		if (cache.len == 0 && op != TC_BUS_BAN_PATH) {
			r->pos -= 4;
			return corrupt(r, "empty cache name");
		}
	}
	if (get_str(r, &entry) != TC_OK || get_u32(r, &nargs) != TC_OK) {
		return TC_ERR_CORRUPT;
	}
	if (nargs > TC_BUS_MAX_ARGS || nargs > (end - r->pos) / 4) {
		r->pos -= 4;
		return corrupt(r, nargs > TC_BUS_MAX_ARGS ? "more than 100000 arguments" : "truncated arguments");
	}
	for (uint32_t i = 0; i < nargs; i++) {
		tc_str a;
		if (get_str(r, &a) != TC_OK) {
			tc_strlist_free(&m->args);
			return TC_ERR_CORRUPT;
		}
		if (tc_strlist_add(&m->args, a.ptr, a.len) != 0) {
			tc_strlist_free(&m->args);
			return tc_err_set(r->err, TC_ERR_NOMEM, "%s: out of memory", r->what);
		}
	}
	if (r->pos != end) {
		tc_strlist_free(&m->args);
		return corrupt(r, "trailing bytes");
	}
	m->own = tc_malloc(cache.len + entry.len + 2);
	if (!m->own) {
		tc_strlist_free(&m->args);
		return tc_err_set(r->err, TC_ERR_NOMEM, "%s: out of memory", r->what);
	}
	memcpy(m->own, cache.ptr, cache.len);
	m->own[cache.len] = '\0';
	if (entry.len) {
		memcpy(m->own + cache.len + 1, entry.ptr, entry.len);
	}
	m->own[cache.len + 1 + entry.len] = '\0';
	m->op = (tc_bus_op)op;
	m->persistent = (flags & TC_BUS_F_PERSISTENT) != 0;
	m->has_cache = has_cache;
	m->cache = (tc_str){m->own, cache.len};
	m->entry = (tc_str){m->own + cache.len + 1, entry.len};
	return TC_OK;
}

tc_status tc_bus_msg_decode(const char *p, size_t len, tc_bus_msg *out, tc_err *err)
{
	rd r = {(const unsigned char *)p, len, 0, "bus message", err};
	memset(out, 0, sizeof(*out));
	if (len > TC_BUS_MAX_MSG) {
		return corrupt(&r, "longer than 4 MiB");
	}
	if (get_version(&r) != TC_OK) {
		return TC_ERR_CORRUPT;
	}
	return get_body(&r, len, out);
}

tc_status tc_bus_batch_decode(const char *p, size_t len, tc_bus_batch *out, tc_err *err)
{
	rd r = {(const unsigned char *)p, len, 0, "bus batch", err};
	tc_bus_batch_init(out);
	if (len > TC_BUS_MAX_BATCH) {
		return corrupt(&r, "longer than 16 MiB");
	}
	tc_str app = {"", 0};
	uint32_t hi = 0, lo = 0, n = 0;
	if (get_version(&r) != TC_OK || get_str(&r, &app) != TC_OK || get_u32(&r, &hi) != TC_OK ||
		get_u32(&r, &lo) != TC_OK || get_u32(&r, &n) != TC_OK) {
		return TC_ERR_CORRUPT;
	}
	/* Each message takes at least 4 (length) + 2 (op, flags) + 4 (entry) + 4 (nargs) bytes. */
	if (n > (len - r.pos) / 14) {
		r.pos -= 4;
		return corrupt(&r, "more messages than bytes for them");
	}
	tc_bus_batch b;
	tc_bus_batch_init(&b);
	b.own_app = tc_malloc(app.len + 1);
	b.msgs = n ? tc_calloc(n, sizeof(tc_bus_msg)) : NULL;
	if (!b.own_app || (n && !b.msgs)) {
		tc_bus_batch_free(&b);
		return tc_err_set(err, TC_ERR_NOMEM, "bus batch: out of memory");
	}
	b.cap = n;
	memcpy(b.own_app, app.ptr, app.len);
	b.own_app[app.len] = '\0';
	b.app = (tc_str){b.own_app, app.len};
	b.published_ms = (uint64_t)hi << 32 | lo;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t mlen = 0;
		if (get_u32(&r, &mlen) != TC_OK) {
			tc_bus_batch_free(&b);
			return TC_ERR_CORRUPT;
		}
		if (mlen > TC_BUS_MAX_MSG - 1 || mlen > len - r.pos) {
			r.pos -= 4;
			tc_bus_batch_free(&b);
			return corrupt(&r, mlen > TC_BUS_MAX_MSG - 1 ? "message longer than 4 MiB" : "truncated message");
		}
		if (get_body(&r, r.pos + mlen, &b.msgs[i]) != TC_OK) {
			tc_bus_batch_free(&b);
			return err->code;
		}
		b.n++;
	}
	if (r.pos != len) {
		tc_bus_batch_free(&b);
		return corrupt(&r, "trailing bytes");
	}
	*out = b;
	return TC_OK;
}
