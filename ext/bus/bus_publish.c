/* One publish: the kept batches of this directory and stream first, then the clears waiting
 * as one stream entry (several only when one would exceed the format's size cap), all in
 * one round trip; on failure with onFailure "keep", the waiting clears go to the directory. */
#include "bus_pub.h"

#include <stdlib.h>
#include <sys/time.h>

static uint64_t now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000 + (uint64_t)tv.tv_usec / 1000;
}

typedef struct {
	char **p;
	size_t *len;
	size_t n, cap;
} payloads;

static bool payloads_push(payloads *ps, char *p, size_t len)
{
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 8;
		char **np = realloc(ps->p, cap * sizeof(char *));
		if (!np) {
			return false;
		}
		ps->p = np;
		size_t *nl = realloc(ps->len, cap * sizeof(size_t));
		if (!nl) {
			return false;
		}
		ps->len = nl;
		ps->cap = cap;
	}
	ps->p[ps->n] = p;
	ps->len[ps->n++] = len;
	return true;
}

/* Encodes msgs as one payload, or as several when one would exceed the format's size cap. */
static tc_status encode_split(const tc_bus_batch *whole, size_t from, size_t n, payloads *out, tc_err *err)
{
	tc_bus_batch view = *whole;
	view.msgs = whole->msgs + from;
	view.n = view.cap = n;
	char *p;
	size_t len;
	tc_status st = tc_bus_batch_encode(&view, &p, &len, err);
	if (st == TC_ERR_ARG && n > 1) {
		tc_err_clear(err);
		st = encode_split(whole, from, n / 2, out, err);
		return st == TC_OK ? encode_split(whole, from + n / 2, n - n / 2, out, err) : st;
	}
	if (st == TC_OK && !payloads_push(out, p, len)) {
		free(p);
		st = tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory publishing");
	}
	return st;
}

zend_long tagcache_bus_publish_pending(tagcache_bus_obj *b, bool keep, size_t *kept_clears, tc_err *err)
{
	tagcache_bus_pub *p = b->pub;
	tagcache_bus_kept *kept;
	size_t nkept;
	int lock;
	bool down;
	*kept_clears = 0;
	if (tagcache_bus_keep_load(b, &kept, &nkept, &lock, &down, err) != TC_OK) {
		return -1;
	}
	payloads ps = {0};
	size_t clears = 0;
	for (size_t i = 0; i < nkept; i++) {
		payloads_push(&ps, kept[i].payload, kept[i].len);
		clears += kept[i].clears;
	}
	size_t first_own = ps.n;
	tc_status st = TC_OK;
	if (ps.n < nkept) {
		st = tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory publishing");
	}
	tc_bus_batch *batch = &p->pending.batch;
	if (st == TC_OK && batch->n) {
		batch->app = (tc_str){ZSTR_VAL(b->application), ZSTR_LEN(b->application)};
		batch->published_ms = now_ms();
		st = encode_split(batch, 0, batch->n, &ps, err);
	}
	zend_long result = -1;
	if (st == TC_OK && down) {
		st = TC_ERR_IO; /* err says why, from the PING */
	} else if (st == TC_OK && ps.n) {
		st = tc_bus_xadd(&b->stream, ps.n, (const char *const *)ps.p, ps.len, NULL, err);
	}
	tagcache_bus_keep_done(kept, nkept, lock, st == TC_OK);
	if (st == TC_OK) {
		result = (zend_long)(clears + p->pending.clears);
		tagcache_bus_list_clear(&p->pending);
	} else if (keep && ps.n > first_own) {
		/* one file per payload, in order; the clears are counted on the first */
		tc_err kerr;
		tc_err_clear(&kerr);
		size_t i = first_own;
		for (; i < ps.n; i++) {
			if (tagcache_bus_keep_write(b, ps.p[i], ps.len[i], i == first_own ? p->pending.clears : 0, &kerr) != TC_OK) {
				break;
			}
		}
		if (i == ps.n) {
			*kept_clears = p->pending.clears;
			tagcache_bus_list_clear(&p->pending);
			result = 0;
		} else {
			/* what was written stays kept and is sent again later: a duplicate is harmless */
			char first[sizeof(err->msg)];
			memcpy(first, err->msg, sizeof(first));
			tc_err_set(err, TC_ERR_IO, "%s; keeping them failed too: %s", first, kerr.msg);
		}
	} else if (keep && !p->pending.batch.n) {
		/* only kept batches were to be sent: they stay kept, as they would have been */
		tc_err_clear(err);
		result = 0;
	}
	for (size_t i = first_own; i < ps.n; i++) {
		free(ps.p[i]);
	}
	free(ps.p);
	free(ps.len);
	return result;
}
