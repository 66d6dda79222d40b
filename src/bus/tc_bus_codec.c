/* The bus's message format: building messages and batches, their canonical encoding, and the
 * op names PHP sees. The decoder is tc_bus_decode.c; the layout is in tc_bus_int.h. */
#include <string.h>

#include "tc_bus_int.h"
#include "../tc_alloc.h"

static const char *const op_names[] = {NULL, "flushAll", "flushCache", "flushByTags", "remove",
	"purgeTags", "purgeLocations", "purgeUrls", "banPath"};
#define OP_MAX TC_BUS_BAN_PATH

const char *tc_bus_op_name(tc_bus_op op)
{
	return op >= TC_BUS_FLUSH_ALL && op <= OP_MAX ? op_names[op] : NULL;
}

tc_bus_op tc_bus_op_from_name(const char *name, size_t len)
{
	for (int i = TC_BUS_FLUSH_ALL; i <= OP_MAX; i++) {
		if (strlen(op_names[i]) == len && memcmp(op_names[i], name, len) == 0) {
			return (tc_bus_op)i;
		}
	}
	return (tc_bus_op)0;
}

/* ---------------------------------------------------------------- buffer */

static void buf_need(tc_bus_buf *b, size_t n)
{
	if (b->oom || b->len + n <= b->cap) {
		return;
	}
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n) {
		cap *= 2;
	}
	char *p = tc_realloc(b->p, cap);
	if (!p) {
		b->oom = 1;
		return;
	}
	b->p = p;
	b->cap = cap;
}

void tc_bus_buf_bytes(tc_bus_buf *b, const void *p, size_t n)
{
	buf_need(b, n);
	if (!b->oom && n) {
		memcpy(b->p + b->len, p, n);
		b->len += n;
	}
}

void tc_bus_buf_u8(tc_bus_buf *b, unsigned v)
{
	unsigned char c = (unsigned char)v;
	tc_bus_buf_bytes(b, &c, 1);
}

void tc_bus_buf_u32(tc_bus_buf *b, uint32_t v)
{
	unsigned char c[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
		(unsigned char)(v >> 8), (unsigned char)v};
	tc_bus_buf_bytes(b, c, 4);
}

void tc_bus_buf_u64(tc_bus_buf *b, uint64_t v)
{
	tc_bus_buf_u32(b, (uint32_t)(v >> 32));
	tc_bus_buf_u32(b, (uint32_t)v);
}

void tc_bus_buf_str(tc_bus_buf *b, const char *p, size_t n)
{
	tc_bus_buf_u32(b, (uint32_t)n);
	tc_bus_buf_bytes(b, p, n);
}

/* ---------------------------------------------------------------- messages */

void tc_bus_msg_free(tc_bus_msg *m)
{
	tc_free(m->own);
	tc_strlist_free(&m->args);
	memset(m, 0, sizeof(*m));
}

/* What the decoder refuses, refused before encoding with a message naming the rule. */
static tc_status msg_check(const tc_bus_msg *m, tc_err *err)
{
	const char *name = tc_bus_op_name(m->op);
	if (!name) {
		return tc_err_set(err, TC_ERR_ARG, "bus message: unknown op %d", (int)m->op);
	}
	if (m->has_cache && m->cache.len == 0 && m->op != TC_BUS_BAN_PATH) {
		return tc_err_set(err, TC_ERR_ARG, "bus message %s: the cache name must not be empty", name);
	}
	if (!m->has_cache && (m->op == TC_BUS_FLUSH_CACHE || m->op == TC_BUS_REMOVE)) {
		return tc_err_set(err, TC_ERR_ARG, "bus message %s: needs a cache name", name);
	}
	if ((m->has_cache && m->cache.len > TC_BUS_MAX_STR) || m->entry.len > TC_BUS_MAX_STR) {
		return tc_err_set(err, TC_ERR_ARG,
			"bus message %s: a cache name or entry of %zu bytes is longer than %u bytes", name,
			m->entry.len > TC_BUS_MAX_STR ? m->entry.len : m->cache.len, TC_BUS_MAX_STR);
	}
	if (m->args.count > TC_BUS_MAX_ARGS) {
		return tc_err_set(err, TC_ERR_ARG, "bus message %s: %zu arguments, at most %u allowed",
			name, m->args.count, TC_BUS_MAX_ARGS);
	}
	size_t pos = 0, total = 3 + 4 + m->entry.len + 4 + (m->has_cache ? 4 + m->cache.len : 0);
	tc_str a;
	while (tc_strlist_next(&m->args, &pos, &a)) {
		if (a.len > TC_BUS_MAX_STR) {
			return tc_err_set(err, TC_ERR_ARG,
				"bus message %s: an argument of %zu bytes is longer than %u bytes", name, a.len,
				TC_BUS_MAX_STR);
		}
		total += 4 + a.len;
	}
	if (total > TC_BUS_MAX_MSG) {
		return tc_err_set(err, TC_ERR_ARG, "bus message %s: %zu bytes encoded, at most %u allowed",
			name, total, TC_BUS_MAX_MSG);
	}
	return TC_OK;
}

/* The body (no version byte). */
static void msg_body(tc_bus_buf *b, const tc_bus_msg *m)
{
	tc_bus_buf_u8(b, (unsigned)m->op);
	tc_bus_buf_u8(b, (m->persistent ? TC_BUS_F_PERSISTENT : 0) | (m->has_cache ? TC_BUS_F_HAS_CACHE : 0));
	if (m->has_cache) {
		tc_bus_buf_str(b, m->cache.ptr, m->cache.len);
	}
	tc_bus_buf_str(b, m->entry.ptr, m->entry.len);
	tc_bus_buf_u32(b, (uint32_t)m->args.count);
	size_t pos = 0;
	tc_str a;
	while (tc_strlist_next(&m->args, &pos, &a)) {
		tc_bus_buf_str(b, a.ptr, a.len);
	}
}

static tc_status buf_finish(tc_bus_buf *b, char **out, size_t *outlen, tc_err *err)
{
	if (b->oom) {
		tc_free(b->p);
		*out = NULL;
		*outlen = 0;
		return tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory encoding a message");
	}
	*out = b->p;
	*outlen = b->len;
	return TC_OK;
}

tc_status tc_bus_msg_encode(const tc_bus_msg *m, char **out, size_t *outlen, tc_err *err)
{
	*out = NULL;
	*outlen = 0;
	if (msg_check(m, err) != TC_OK) {
		return err->code;
	}
	tc_bus_buf b = {0};
	tc_bus_buf_u8(&b, TC_BUS_VERSION);
	msg_body(&b, m);
	return buf_finish(&b, out, outlen, err);
}

/* ---------------------------------------------------------------- batches */

void tc_bus_batch_init(tc_bus_batch *b)
{
	memset(b, 0, sizeof(*b));
}

void tc_bus_batch_free(tc_bus_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		tc_bus_msg_free(&b->msgs[i]);
	}
	tc_free(b->msgs);
	tc_free(b->own_app);
	memset(b, 0, sizeof(*b));
}

tc_status tc_bus_batch_add(tc_bus_batch *b, const tc_bus_msg *m, tc_err *err)
{
	if (msg_check(m, err) != TC_OK) {
		return err->code;
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8;
		tc_bus_msg *p = tc_realloc(b->msgs, cap * sizeof(*p));
		if (!p) {
			return tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory adding a message");
		}
		b->msgs = p;
		b->cap = cap;
	}
	tc_bus_msg c;
	memset(&c, 0, sizeof(c));
	c.op = m->op;
	c.persistent = m->persistent ? 1 : 0;
	c.has_cache = m->has_cache ? 1 : 0;
	size_t clen = c.has_cache ? m->cache.len : 0;
	c.own = tc_malloc(clen + m->entry.len + 2);
	if (!c.own) {
		return tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory adding a message");
	}
	if (clen) {
		memcpy(c.own, m->cache.ptr, clen);
	}
	c.own[clen] = '\0';
	if (m->entry.len) {
		memcpy(c.own + clen + 1, m->entry.ptr, m->entry.len);
	}
	c.own[clen + 1 + m->entry.len] = '\0';
	c.cache = (tc_str){c.own, clen};
	c.entry = (tc_str){c.own + clen + 1, m->entry.len};
	tc_strlist_init(&c.args);
	size_t pos = 0;
	tc_str a;
	while (tc_strlist_next(&m->args, &pos, &a)) {
		if (tc_strlist_add(&c.args, a.ptr, a.len) != 0) {
			tc_bus_msg_free(&c);
			return tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory adding a message");
		}
	}
	b->msgs[b->n++] = c;
	return TC_OK;
}

tc_status tc_bus_batch_encode(const tc_bus_batch *b, char **out, size_t *outlen, tc_err *err)
{
	*out = NULL;
	*outlen = 0;
	if (b->app.len > TC_BUS_MAX_STR) {
		return tc_err_set(err, TC_ERR_ARG,
			"bus batch: an application name of %zu bytes is longer than %u bytes", b->app.len,
			TC_BUS_MAX_STR);
	}
	if (b->n > UINT32_MAX) {
		return tc_err_set(err, TC_ERR_ARG, "bus batch: %zu messages are too many", b->n);
	}
	for (size_t i = 0; i < b->n; i++) {
		if (msg_check(&b->msgs[i], err) != TC_OK) {
			return err->code;
		}
	}
	tc_bus_buf buf = {0};
	tc_bus_buf_u8(&buf, TC_BUS_VERSION);
	tc_bus_buf_str(&buf, b->app.ptr, b->app.len);
	tc_bus_buf_u64(&buf, b->published_ms);
	tc_bus_buf_u32(&buf, (uint32_t)b->n);
	for (size_t i = 0; i < b->n && !buf.oom; i++) {
		size_t at = buf.len;
		tc_bus_buf_u32(&buf, 0);
		msg_body(&buf, &b->msgs[i]);
		if (!buf.oom) {
			uint32_t n = (uint32_t)(buf.len - at - 4);
			unsigned char c[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
				(unsigned char)(n >> 8), (unsigned char)n};
			memcpy(buf.p + at, c, 4);
		}
		if (buf.len > TC_BUS_MAX_BATCH) {
			tc_free(buf.p);
			return tc_err_set(err, TC_ERR_ARG,
				"bus batch: more than %u bytes encoded (%zu messages); publish fewer at once",
				TC_BUS_MAX_BATCH, b->n);
		}
	}
	return buf_finish(&buf, out, outlen, err);
}
