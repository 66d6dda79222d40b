/* AbstractFrontend::getOrCompute(): a value read from the cache, or computed once across every
 * worker sharing the store (TECHNOTES.md "Compute once").
 *
 * It goes through the frontend's own get() and set() (so every frontend and every subclass
 * encodes as usual), a per-key compute lock of the backend (tc_backend.h lock / unlock) and a
 * write ticket, so a flush that lands while the callback runs drops the store. */
#include <math.h>

#include "frontend.h"
#include "exceptions.h"
#include "serializer.h"
#include "store.h"
#include "validate.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
#include "ext/random/php_random.h"

/* How long a waiter waits for the worker computing the same key before computing itself. */
#define COMPUTE_LOCK_TIMEOUT_MS 10000
/* How long a lock outlives a holder whose death the backend cannot see (Redis). */
#define COMPUTE_LOCK_TTL_MS 30000
#define COMPUTE_MS_MAX 86400000 /* a day: larger waits are a configuration mistake */
#define COMPUTE_STALE_MAX 31536000 /* a year of serving a stale value is a configuration mistake */

/* One getOrCompute() call running in this request, on the stack TAGCACHE_G(compute_frames)
 * (innermost first; request memory). It carries the reentrancy key (a callback asking for its
 * own key would otherwise wait for itself) and the compute lock the call holds, so that a fatal
 * error anywhere between lock and unlock (the callback, a __serialize() / __wakeup(), a
 * subclass's set(), the memory limit) still releases it: getOrCompute's zend_try does at once,
 * before shutdown functions run, and tagcache_compute_request_end() whatever is left. */
struct tagcache_compute_frame {
	struct tagcache_compute_frame *prev;
	zend_string *key;     /* "<backend handle>:<cache>:<id>" */
	bool computing;       /* the callback runs: asking for key again is a LogicException */
	zend_object *backend; /* native backend whose lock is held, referenced so that a release
	                       * after a bailout finds it alive; NULL when no lock is held */
	zend_string *id;
	uint64_t token;
};
typedef struct tagcache_compute_frame compute_frame;

typedef struct {
	unsigned timeout_ms, ttl_ms;
	zend_long stale_s; /* staleWhileRevalidate: seconds an expired value is still served */
} compute_opts;

static int64_t clock_ms(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool parse_ms(zend_string *key, zval *val, unsigned min, unsigned *out)
{
	if (Z_TYPE_P(val) != IS_LONG || Z_LVAL_P(val) < (zend_long)min || Z_LVAL_P(val) > COMPUTE_MS_MAX) {
		if (Z_TYPE_P(val) == IS_LONG) {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "getOrCompute() option \"%s\" must be an int of milliseconds from %u to %d, got " ZEND_LONG_FMT,
			               ZSTR_VAL(key), min, COMPUTE_MS_MAX, Z_LVAL_P(val));
		} else {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "getOrCompute() option \"%s\" must be an int of milliseconds from %u to %d, got %s",
			               ZSTR_VAL(key), min, COMPUTE_MS_MAX, zend_zval_type_name(val));
		}
		return false;
	}
	*out = (unsigned)Z_LVAL_P(val);
	return true;
}

static bool parse_stale(zval *val, zend_long *out)
{
	if (Z_TYPE_P(val) == IS_LONG && Z_LVAL_P(val) >= 0 && Z_LVAL_P(val) <= COMPUTE_STALE_MAX) {
		*out = Z_LVAL_P(val);
		return true;
	}
	zend_string *got = Z_TYPE_P(val) == IS_LONG ? zend_long_to_str(Z_LVAL_P(val))
	                                            : zend_string_init(zend_zval_type_name(val), strlen(zend_zval_type_name(val)), 0);
	tagcache_throw(tagcache_invalid_argument_ce,
	               "getOrCompute() option \"staleWhileRevalidate\" must be an int of seconds from 0 to %d, got %s",
	               COMPUTE_STALE_MAX, ZSTR_VAL(got));
	zend_string_release(got);
	return false;
}

static bool parse_options(HashTable *options, compute_opts *o)
{
	o->timeout_ms = COMPUTE_LOCK_TIMEOUT_MS;
	o->ttl_ms = COMPUTE_LOCK_TTL_MS;
	o->stale_s = 0;
	if (!options) {
		return true;
	}
	zend_string *key;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, val) {
		ZVAL_DEREF(val);
		if (key && zend_string_equals_literal(key, "lockTimeoutMs")) {
			if (!parse_ms(key, val, 0, &o->timeout_ms)) {
				return false;
			}
		} else if (key && zend_string_equals_literal(key, "lockTtlMs")) {
			if (!parse_ms(key, val, 1, &o->ttl_ms)) {
				return false;
			}
		} else if (key && zend_string_equals_literal(key, "staleWhileRevalidate")) {
			if (!parse_stale(val, &o->stale_s)) {
				return false;
			}
		} else {
			tagcache_throw(tagcache_invalid_argument_ce,
			               "getOrCompute() has no option \"%s\"; known options: lockTimeoutMs, lockTtlMs, staleWhileRevalidate",
			               key ? ZSTR_VAL(key) : "(numeric key)");
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

static bool call_method(zval *this_zv, const char *name, zval *ret, uint32_t argc, zval *args)
{
	int r = tagcache_call_method(Z_OBJ_P(this_zv), name, ret, argc, args);
	if (r == 0) {
		tagcache_throw(tagcache_not_supported_ce, "%s has no method %s()", ZSTR_VAL(Z_OBJCE_P(this_zv)->name), name);
	}
	return r > 0;
}

/* $this->get($id, $ticket). 1 hit (value in *out), 0 miss (*ticket set when tickets), -1 thrown.
 * With tickets a hit is told from a miss by the ticket (so a stored false is a hit); without,
 * false is a miss, as in Flow. */
static int read_entry(zval *this_zv, zend_string *id, bool tickets, zval *out, zend_long *ticket)
{
	zval args[2];
	ZVAL_STR(&args[0], id);
	ZVAL_NEW_REF(&args[1], &EG(uninitialized_zval));
	ZVAL_NULL(Z_REFVAL(args[1]));
	bool ok = call_method(this_zv, "get", out, tickets ? 2 : 1, args);
	int r = -1;
	if (ok) {
		zval *t = Z_REFVAL(args[1]);
		if (tickets) {
			r = Z_TYPE_P(t) == IS_LONG ? 0 : 1;
			*ticket = Z_TYPE_P(t) == IS_LONG ? Z_LVAL_P(t) : 0;
		} else {
			r = Z_TYPE_P(out) == IS_FALSE ? 0 : 1;
		}
		if (r == 0) {
			zval_ptr_dtor(out);
			ZVAL_UNDEF(out);
		}
	}
	zval_ptr_dtor(&args[1]);
	return r;
}

/* $this->set(...): false when it threw. A dropped write (stale ticket) is not an error. */
static bool write_entry(zval *this_zv, zend_string *id, zval *value, zval *tags, zval *lifetime,
                  const zend_long *ticket)
{
	zval args[5], ret;
	ZVAL_STR(&args[0], id);
	ZVAL_COPY_VALUE(&args[1], value);
	ZVAL_COPY_VALUE(&args[2], tags);
	ZVAL_COPY_VALUE(&args[3], lifetime);
	if (ticket) {
		ZVAL_LONG(&args[4], *ticket);
	} else {
		ZVAL_NULL(&args[4]);
	}
	bool ok = call_method(this_zv, "set", &ret, 5, args);
	zval_ptr_dtor(&ret);
	return ok;
}

static zend_string *held_key(tagcache_frontend_obj *fe, zend_string *id)
{
	/* ':' appears in no cache or entry identifier: the parts cannot run into each other. */
	return zend_strpprintf(0, "%u:%s:%s", Z_OBJ_HANDLE(fe->backend), ZSTR_VAL(fe->identifier),
	                       ZSTR_VAL(id));
}

static bool computing(zend_string *key)
{
	for (compute_frame *f = TAGCACHE_G(compute_frames); f; f = f->prev) {
		if (f->computing && zend_string_equals(f->key, key)) {
			return true;
		}
	}
	return false;
}

/* The lock just taken belongs to frame f until frame_unlock(). */
static void frame_locked(compute_frame *f, tagcache_frontend_obj *fe, zend_string *id, uint64_t token)
{
	f->backend = &fe->native->std;
	GC_ADDREF(f->backend);
	f->id = zend_string_copy(id);
	f->token = token;
}

static void frame_forget_lock(compute_frame *f)
{
	zend_object *backend = f->backend;
	f->backend = NULL;
	zend_string_release(f->id);
	OBJ_RELEASE(backend);
}

/* Normal way out: an unlock failure is thrown (chained to a pending exception). */
static void frame_unlock(compute_frame *f, tagcache_frontend_obj *fe)
{
	if (f->backend) {
		tagcache_store_unlock(fe, f->id, f->token);
		frame_forget_lock(f);
	}
}

/* After a bailout: no PHP code runs and nothing is thrown (there may be no stack frame to throw
 * in); the backend object is still alive, held by the frame. */
static void frame_unlock_quiet(compute_frame *f)
{
	if (!f->backend) {
		return;
	}
	tc_backend *core = tagcache_backend_from_obj(f->backend)->core;
	if (core && core->ops->unlock) {
		zend_try {
			tc_err err;
			tc_err_clear(&err);
			core->ops->unlock(core, (tc_str){ZSTR_VAL(f->id), ZSTR_LEN(f->id)}, f->token, &err);
		} zend_end_try();
	}
	frame_forget_lock(f);
}

static compute_frame *frame_push(zend_string *key)
{
	compute_frame *f = ecalloc(1, sizeof(*f));
	f->key = key;
	f->prev = TAGCACHE_G(compute_frames);
	TAGCACHE_G(compute_frames) = f;
	return f;
}

/* Pops frames down to and including f (frames above it are those of nested calls a bailout
 * skipped), releasing their locks. */
static void frame_pop(compute_frame *f)
{
	compute_frame *top;
	do {
		top = TAGCACHE_G(compute_frames);
		if (!top) {
			return;
		}
		frame_unlock_quiet(top);
		TAGCACHE_G(compute_frames) = top->prev;
		zend_string_release(top->key);
		efree(top);
	} while (top != f);
}

void tagcache_compute_request_end(void)
{
	while (TAGCACHE_G(compute_frames)) {
		compute_frame *f = TAGCACHE_G(compute_frames);
		while (f->prev) {
			f = f->prev;
		}
		frame_pop(f);
	}
}

typedef struct {
	tagcache_frontend_obj *fe;
	compute_frame *frame;
	zval *this_zv;
	zend_fcall_info *fci;
	zend_fcall_info_cache *fcc;
	zend_string *id;
	HashTable *tags;
	zend_long lifetime;
	bool lifetime_null;
	zend_long stale_s;
} compute_call;

/* Stores the computed value. A VariableFrontend (not a subclass, whose set() may differ) with a
 * known lifetime keeps the expiry and the computation time beside it for early
 * recomputation (serializer.h TAGCACHE_FORMAT_COMPUTED); everything else goes through set().
 * With staleWhileRevalidate the backend keeps the entry that much longer than the expiry the
 * envelope carries, so a reader can serve it while one worker recomputes. */
static bool store_computed(compute_call *c, zval *value, zval *tags, zval *lifetime,
                           const zend_long *ticket, int64_t delta_ms)
{
	if (Z_OBJCE_P(c->this_zv) != tagcache_variable_frontend_ce || Z_TYPE_P(lifetime) != IS_LONG ||
	    Z_LVAL_P(lifetime) <= 0) {
		return write_entry(c->this_zv, c->id, value, tags, lifetime, ticket);
	}
	int64_t life;
	if (!tagcache_check_lifetime(Z_LVAL_P(lifetime), false, &life)) {
		return false;
	}
	int64_t expiry = life > (INT64_MAX - clock_ms(CLOCK_REALTIME)) / 1000 ? 0 : clock_ms(CLOCK_REALTIME) + life * 1000;
	uint32_t delta = delta_ms < 0 ? 0 : delta_ms > UINT32_MAX ? UINT32_MAX : (uint32_t)delta_ms;
	zend_string *data = tagcache_encode_computed(c->fe, c->id, value, expiry, delta);
	if (!data) {
		return false;
	}
	uint64_t t = ticket ? (uint64_t)*ticket : 0;
	/* No stale window with expiry 0 (too far to tell), nor where a hit may come from the memo
	 * (TransientMemoryBackend), whose decoded copies carry no expiry to tell a stale one by:
	 * it would be served as fresh for the whole window. */
	bool memo = c->fe->native && (c->fe->native->desc->caps & TAGCACHE_CAP_MEMO);
	int64_t kept = expiry && !memo ? life + c->stale_s : life;
	int r = tagcache_store_set(c->fe, c->id, data, Z_ARRVAL_P(tags), kept, ticket ? &t : NULL);
	zend_string_release(data);
	return r >= 0;
}

/* Runs the callback as callback($id, &$tags, &$lifetime, &$save), stores what it returns
 * (unless it cleared $save) and releases the lock when locked. The value ends in
 * return_value, also when the store was dropped by a flush. */
static void compute(compute_call *c, const zend_long *ticket, zval *return_value)
{
	zval args[4], value;
	ZVAL_STR(&args[0], c->id);
	ZVAL_NEW_REF(&args[1], &EG(uninitialized_zval));
	if (c->tags) {
		ZVAL_ARR(Z_REFVAL(args[1]), zend_array_dup(c->tags));
	} else {
		ZVAL_EMPTY_ARRAY(Z_REFVAL(args[1]));
	}
	ZVAL_NEW_REF(&args[2], &EG(uninitialized_zval));
	if (c->lifetime_null) {
		ZVAL_NULL(Z_REFVAL(args[2]));
	} else {
		ZVAL_LONG(Z_REFVAL(args[2]), c->lifetime);
	}
	ZVAL_NEW_REF(&args[3], &EG(uninitialized_zval));
	ZVAL_TRUE(Z_REFVAL(args[3]));
	ZVAL_UNDEF(&value);
	c->fci->retval = &value;
	c->fci->params = args;
	c->fci->param_count = 4;
	c->fci->named_params = NULL;

	int64_t started = clock_ms(CLOCK_MONOTONIC);
	c->frame->computing = true;
	zend_call_function(c->fci, c->fcc);
	c->frame->computing = false;

	bool ok = !EG(exception) && !Z_ISUNDEF(value);
	zval *tags = Z_REFVAL(args[1]), *lifetime = Z_REFVAL(args[2]);
	if (ok && Z_TYPE_P(tags) != IS_ARRAY) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "getOrCompute(\"%s\"): the callback set $tags to %s; it must stay an array of tags",
		               ZSTR_VAL(c->id), zend_zval_type_name(tags));
		ok = false;
	}
	if (ok && Z_TYPE_P(lifetime) != IS_LONG && Z_TYPE_P(lifetime) != IS_NULL) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "getOrCompute(\"%s\"): the callback set $lifetime to %s; it must be an int or null",
		               ZSTR_VAL(c->id), zend_zval_type_name(lifetime));
		ok = false;
	}
	if (ok && zend_is_true(Z_REFVAL(args[3]))) {
		ok = store_computed(c, &value, tags, lifetime, ticket, clock_ms(CLOCK_MONOTONIC) - started);
	}
	/* Released after the store, so a waiter re-reading finds the value; also after an
	 * exception (which stays the one the caller sees, an unlock failure chained to it). */
	frame_unlock(c->frame, c->fe);
	for (int i = 1; i < 4; i++) {
		zval_ptr_dtor(&args[i]);
	}
	if (EG(exception)) {
		zval_ptr_dtor(&value);
		return;
	}
	ZVAL_COPY_VALUE(return_value, &value);
}

/* XFetch: recompute a hit early, with a probability that grows as its expiry nears:
 * now - delta * beta * log(rand) >= expiry, rand in (0, 1]. Needs the expiry and the last
 * computation time stored with the value (only VariableFrontend envelopes have them); beta INF
 * always recomputes. */
static bool recompute_early(double beta)
{
	if (isinf(beta)) {
		return true;
	}
	if (!tagcache_last_computed.found || tagcache_last_computed.expiry_ms <= 0) {
		return false;
	}
	double r = ((double)php_mt_rand() + 1.0) / 4294967296.0;
	double now = (double)clock_ms(CLOCK_REALTIME);
	return now - (double)tagcache_last_computed.delta_ms * beta * log(r) >=
	       (double)tagcache_last_computed.expiry_ms;
}

/* The hit just read is past the expiry its envelope carries: kept for staleWhileRevalidate. */
static bool read_is_stale(void)
{
	return tagcache_last_computed.found && tagcache_last_computed.expiry_ms > 0 &&
	       clock_ms(CLOCK_REALTIME) >= tagcache_last_computed.expiry_ms;
}

static void get_or_compute(compute_call *c, double beta, const compute_opts *opts, bool tickets,
                           zval *return_value);

PHP_METHOD(TagCache_Frontend_AbstractFrontend, getOrCompute)
{
	zend_string *id;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	HashTable *tags = NULL, *options = NULL;
	zend_long lifetime = 0;
	bool lifetime_null = true, beta_null = true;
	double beta = 1.0;
	ZEND_PARSE_PARAMETERS_START(2, 6)
		Z_PARAM_STR(id)
		Z_PARAM_FUNC(fci, fcc)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(tags)
		Z_PARAM_LONG_OR_NULL(lifetime, lifetime_null)
		Z_PARAM_DOUBLE_OR_NULL(beta, beta_null)
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();
	tagcache_frontend_obj *fe = tagcache_frontend_constructed(ZEND_THIS);
	if (!fe || !tagcache_check_identifier(id, "Entry identifier")) {
		RETURN_THROWS();
	}
	if (beta_null) {
		beta = 1.0; /* Symfony's default */
	}
	if (isnan(beta) || beta < 0) {
		tagcache_throw(tagcache_invalid_argument_ce,
		               "getOrCompute() beta must be 0 (no early recomputation), positive or INF (always recompute), got %g",
		               beta);
		RETURN_THROWS();
	}
	compute_opts o;
	if (!parse_options(options, &o)) {
		RETURN_THROWS();
	}
	if (o.stale_s > 0 && Z_OBJCE_P(ZEND_THIS) != tagcache_variable_frontend_ce) {
		/* Only VariableFrontend's envelope carries the expiry a stale value is told by. */
		tagcache_throw(tagcache_invalid_argument_ce,
		               "getOrCompute() option \"staleWhileRevalidate\" needs a TagCache\\Frontend\\VariableFrontend (not a subclass): %s stores no expiry beside the value, so a stale value could not be told from a fresh one",
		               ZSTR_VAL(Z_OBJCE_P(ZEND_THIS)->name));
		RETURN_THROWS();
	}
	zend_string *key = held_key(fe, id);
	if (computing(key)) {
		zend_string_release(key);
		zend_throw_exception_ex(spl_ce_LogicException, 0,
		                        "getOrCompute(\"%s\") of cache \"%s\" was called again from its own callback: the value cannot depend on itself",
		                        ZSTR_VAL(id), ZSTR_VAL(fe->identifier));
		RETURN_THROWS();
	}
	bool tickets = tagcache_store_has_tickets(fe);
	if (EG(exception)) {
		zend_string_release(key);
		RETURN_THROWS();
	}
	compute_frame *f = frame_push(key);
	compute_call c = {fe, f, ZEND_THIS, &fci, &fcc, id, tags, lifetime, lifetime_null, o.stale_s};
	/* Everything from here to the unlock may end in a fatal error (user code, the memory
	 * limit): release the lock and the reentrancy key before the request unwinds further, so
	 * shutdown functions and other workers never wait for this call. */
	zend_try {
		get_or_compute(&c, beta, &o, tickets, return_value);
	} zend_catch {
		frame_pop(f);
		zend_bailout();
	} zend_end_try();
	frame_pop(f);
}

/* getOrCompute() after its arguments were checked, inside its frame. */
static void get_or_compute(compute_call *c, double beta, const compute_opts *opts, bool tickets,
                           zval *return_value)
{
	compute_opts o = *opts;
	tagcache_frontend_obj *fe = c->fe;
	zend_string *id = c->id;
	zval *this_zv = c->this_zv;
	compute_frame *f = c->frame;
	zend_long ticket = 0;
	uint64_t token = 0;
	zval value;
	tagcache_last_computed.found = false;
	int r = read_entry(this_zv, id, tickets, &value, &ticket);
	if (r < 0) {
		RETURN_THROWS();
	}
	if (r == 1) {
		bool stale = read_is_stale();
		if (!stale && (beta == 0 || !recompute_early(beta))) {
			RETURN_COPY_VALUE(&value);
		}
		/* Early or stale: one worker recomputes (try the lock once), the others keep serving
		 * the hit. */
		int lk = tagcache_store_lock(fe, id, 0, o.ttl_ms, &token);
		if (lk == TAGCACHE_LOCK_TIMEOUT) {
			RETURN_COPY_VALUE(&value);
		}
		if (lk == TAGCACHE_LOCK_HELD) {
			frame_locked(f, fe, id, token);
		}
		if (stale && lk == TAGCACHE_LOCK_HELD) {
			/* Another worker may have stored a fresh value between our read and our lock. */
			zval fresh;
			tagcache_last_computed.found = false;
			int r2 = read_entry(this_zv, id, tickets, &fresh, &ticket);
			if (r2 < 0 || (r2 == 1 && !read_is_stale())) {
				frame_unlock(f, fe);
				zval_ptr_dtor(&value);
				if (r2 < 0) {
					RETURN_THROWS();
				}
				RETURN_COPY_VALUE(&fresh);
			}
			if (r2 == 1) {
				zval_ptr_dtor(&fresh);
			}
		}
		zval_ptr_dtor(&value);
		if (lk == TAGCACHE_LOCK_THROWN || (tickets && !tagcache_store_ticket(fe, &ticket))) {
			frame_unlock(f, fe);
			RETURN_THROWS();
		}
		compute(c, tickets ? &ticket : NULL, return_value);
		return;
	}
	int lk = tagcache_store_lock(fe, id, o.timeout_ms, o.ttl_ms, &token);
	if (lk == TAGCACHE_LOCK_THROWN) {
		RETURN_THROWS();
	}
	if (lk == TAGCACHE_LOCK_HELD) {
		frame_locked(f, fe, id, token);
		/* We may have waited for another worker's computation: its value is there now. The
		 * re-read also takes a fresh ticket for our own computation. */
		r = read_entry(this_zv, id, tickets, &value, &ticket);
		if (r != 0) {
			frame_unlock(f, fe);
			if (r < 0) {
				RETURN_THROWS();
			}
			RETURN_COPY_VALUE(&value);
		}
	}
	/* Held, timed out (compute ourselves) or no locks in this backend (compute unlocked). */
	compute(c, tickets ? &ticket : NULL, return_value);
}
