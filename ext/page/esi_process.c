/* EsiProcessor::process(): the assembler of src/page/tc_esi*.c driven by callbacks that read
 * fragments from the cache or render them through the user's callback, then store them.
 * Every call into PHP code runs under zend_try: a fatal error or exit() in the callback (or
 * in a user frontend) unwinds the C assembler first, freeing what it holds, then goes on. */
#include "page.h"
#include "esi.h"
#include "exceptions.h"
#include "frontend.h"
#include "store.h"
#include "page/tc_esi.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

typedef struct {
	zval fragments; /* own reference: the callback may re-construct or drop the processor */
	tagcache_esi_obj *esi;
	tagcache_frontend_obj *direct; /* a constructed StringFrontend: read without a method call */
	zend_function *get_fn;          /* the cache's get(), looked up once per process() */
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	smart_str out;
	zend_object *failure; /* what the last failed render threw, for getPrevious() */
	zend_long max_fragment_size;
	bool bailed;
} esi_run;

typedef struct {
	zend_string *body;
	zend_string *id;
	zval tags;     /* array or UNDEF */
	zval lifetime; /* long, null or UNDEF */
	bool fresh;    /* rendered now: store once it parsed */
} esi_frag;

static void set_failure(esi_run *r, zend_object *ex)
{
	if (r->failure) {
		OBJ_RELEASE(r->failure);
	}
	r->failure = ex;
}

/* Calls a method of the fragment cache under zend_try; false after a bailout or an exception.
 * fn: the method when already looked up, else NULL. */
static bool guarded_call(esi_run *r, zend_function *fn, zend_object *obj, uint32_t argc, zval *argv, zval *ret)
{
	zend_try {
		zend_call_known_instance_method(fn, obj, ret, argc, argv);
	} zend_catch {
		r->bailed = true;
	} zend_end_try();
	return !r->bailed && !EG(exception);
}

static bool cache_call(esi_run *r, zend_function *known, const char *name, uint32_t argc, zval *argv, zval *ret)
{
	zend_object *obj = Z_OBJ(r->fragments);
	zend_function *fn = known ? known : zend_hash_str_find_ptr_lc(&obj->ce->function_table, name, strlen(name));
	ZVAL_UNDEF(ret);
	if (fn == NULL) {
		zend_throw_error(NULL, "%s has no method %s()", ZSTR_VAL(obj->ce->name), name);
		return false;
	}
	return guarded_call(r, fn, obj, argc, argv, ret);
}

static bool bad_render(const char *src, const char *what, zval *v)
{
	zend_throw_exception_ex(tagcache_esi_exception_ce, 0,
	                        "The render callback for ESI include '%.200s' must return %s, got %s", src, what,
	                        zend_zval_type_name(v));
	return false;
}

/* Takes content, tags and lifetime out of the callback's array. */
static bool from_array(const char *src, HashTable *ht, esi_frag *f)
{
	zend_string *key;
	zval *v;
	ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, v) {
		ZVAL_DEREF(v);
		if (key && zend_string_equals_literal(key, "content")) {
			if (Z_TYPE_P(v) != IS_STRING) {
				return bad_render(src, "a string under \"content\"", v);
			}
			f->body = zend_string_copy(Z_STR_P(v));
		} else if (key && zend_string_equals_literal(key, "tags")) {
			if (Z_TYPE_P(v) != IS_ARRAY) {
				return bad_render(src, "an array under \"tags\"", v);
			}
			ZVAL_COPY(&f->tags, v);
		} else if (key && zend_string_equals_literal(key, "lifetime")) {
			if (Z_TYPE_P(v) != IS_LONG && Z_TYPE_P(v) != IS_NULL) {
				return bad_render(src, "an int or null under \"lifetime\"", v);
			}
			ZVAL_COPY(&f->lifetime, v);
		} else {
			zend_throw_exception_ex(tagcache_esi_exception_ce, 0,
			                        "The render callback for ESI include '%.200s' returned an array with the unknown key "
			                        "\"%s\" (content, tags, lifetime)", src, key ? ZSTR_VAL(key) : "(integer)");
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	if (f->body == NULL) {
		zend_throw_exception_ex(tagcache_esi_exception_ce, 0,
		                        "The render callback for ESI include '%.200s' returned an array without \"content\"", src);
		return false;
	}
	return true;
}

static void frag_free(esi_frag *f)
{
	if (f->body) {
		zend_string_release(f->body);
	}
	if (f->id) {
		zend_string_release(f->id);
	}
	zval_ptr_dtor(&f->tags);
	zval_ptr_dtor(&f->lifetime);
	efree(f);
}

static tc_esi_fetch_status render(esi_run *r, const char *src, size_t len, esi_frag *f)
{
	zval arg, ret;
	ZVAL_STRINGL(&arg, src, len);
	ZVAL_UNDEF(&ret);
	r->fci.retval = &ret;
	r->fci.params = &arg;
	r->fci.param_count = 1;
	zend_try {
		zend_call_function(&r->fci, &r->fcc);
	} zend_catch {
		r->bailed = true;
	} zend_end_try();
	zval_ptr_dtor(&arg);
	if (r->bailed) {
		zval_ptr_dtor(&ret);
		return TC_ESI_FETCH_ABORT;
	}
	if (EG(exception)) {
		zval_ptr_dtor(&ret);
		zend_object *ex = EG(exception);
		if (zend_is_unwind_exit(ex) || zend_is_graceful_exit(ex)) {
			return TC_ESI_FETCH_ABORT;
		}
		GC_ADDREF(ex);
		zend_clear_exception();
		set_failure(r, ex);
		return TC_ESI_FETCH_FAIL;
	}
	tc_esi_fetch_status st = TC_ESI_FETCH_OK;
	if (Z_TYPE(ret) == IS_STRING) {
		f->body = zend_string_copy(Z_STR(ret));
	} else if (Z_TYPE(ret) == IS_FALSE) {
		st = TC_ESI_FETCH_FAIL;
	} else if (Z_TYPE(ret) == IS_ARRAY) {
		st = from_array(src, Z_ARRVAL(ret), f) ? TC_ESI_FETCH_OK : TC_ESI_FETCH_ABORT;
	} else {
		bad_render(src, "a string, an array or false", &ret);
		st = TC_ESI_FETCH_ABORT;
	}
	zval_ptr_dtor(&ret);
	if (st == TC_ESI_FETCH_OK && (zend_long)ZSTR_LEN(f->body) > r->max_fragment_size) {
		zend_throw_exception_ex(tagcache_esi_exception_ce, 0,
		                        "The fragment of ESI include '%.200s' is %zu bytes, more than maxFragmentSize " ZEND_LONG_FMT,
		                        src, ZSTR_LEN(f->body), r->max_fragment_size);
		zend_object *ex = EG(exception);
		GC_ADDREF(ex);
		zend_clear_exception();
		set_failure(r, ex);
		st = TC_ESI_FETCH_FAIL;
	}
	return st;
}

static tc_esi_fetch_status on_fetch(void *ctx, const char *src, size_t len, int depth, tc_esi_fragment *out)
{
	esi_run *r = ctx;
	esi_frag *f = ecalloc(1, sizeof *f);
	ZVAL_UNDEF(&f->tags);
	ZVAL_UNDEF(&f->lifetime);
	set_failure(r, NULL);
	tc_esi_fetch_status st = TC_ESI_FETCH_OK;
	if (Z_TYPE(r->fragments) == IS_OBJECT) {
		/* Own reference: a nested process() on this processor may empty its table. */
		f->id = zend_string_copy(tagcache_esi_fragment_id_cached(r->esi, src, len));
		tagcache_frontend_obj *direct = r->direct && !Z_ISUNDEF(r->direct->backend) ? r->direct : NULL;
		if (direct && direct->native) {
			/* A native backend runs no PHP code: no zend_try needed. */
			f->body = tagcache_store_get(direct, f->id);
			st = EG(exception) ? TC_ESI_FETCH_ABORT : TC_ESI_FETCH_OK;
		} else if (direct) {
			zend_try {
				f->body = tagcache_store_get(direct, f->id);
			} zend_catch {
				r->bailed = true;
			} zend_end_try();
			st = r->bailed || EG(exception) ? TC_ESI_FETCH_ABORT : TC_ESI_FETCH_OK;
		} else {
			zval id, ret;
			ZVAL_STR(&id, f->id);
			if (!cache_call(r, r->get_fn, "get", 1, &id, &ret)) {
				st = TC_ESI_FETCH_ABORT;
			} else if (Z_TYPE(ret) == IS_STRING) {
				f->body = zend_string_copy(Z_STR(ret));
			}
			zval_ptr_dtor(&ret);
		}
	}
	if (st == TC_ESI_FETCH_OK && f->body == NULL) {
		st = render(r, src, len, f);
		f->fresh = st == TC_ESI_FETCH_OK && Z_TYPE(r->fragments) == IS_OBJECT;
	}
	if (st != TC_ESI_FETCH_OK) {
		frag_free(f);
		return st;
	}
	out->body = ZSTR_VAL(f->body);
	out->len = ZSTR_LEN(f->body);
	out->handle = f;
	return TC_ESI_FETCH_OK;
}

/* A fresh fragment parsed cleanly: store it with its tags and lifetime. */
static int on_accepted(void *ctx, tc_esi_fragment *frag)
{
	esi_run *r = ctx;
	esi_frag *f = frag->handle;
	if (!f->fresh) {
		return 0;
	}
	zval argv[4], ret;
	ZVAL_STR(&argv[0], f->id);
	ZVAL_STR(&argv[1], f->body);
	if (Z_TYPE(f->tags) == IS_ARRAY) {
		ZVAL_COPY_VALUE(&argv[2], &f->tags);
	} else {
		ZVAL_EMPTY_ARRAY(&argv[2]);
	}
	if (Z_TYPE(f->lifetime) == IS_LONG) {
		ZVAL_COPY_VALUE(&argv[3], &f->lifetime);
	} else {
		ZVAL_NULL(&argv[3]);
	}
	bool ok = cache_call(r, NULL, "set", 4, argv, &ret);
	zval_ptr_dtor(&ret);
	return ok ? 0 : 1;
}

static void on_release(void *ctx, tc_esi_fragment *frag)
{
	frag_free(frag->handle);
}

static int on_append(void *ctx, const char *buf, size_t len)
{
	smart_str_appendl(&((esi_run *)ctx)->out, buf, len);
	return 0;
}

static char *on_reserve(void *ctx, size_t len)
{
	smart_str *out = &((esi_run *)ctx)->out;
	smart_str_alloc(out, len, 0);
	return ZSTR_VAL(out->s) + ZSTR_LEN(out->s);
}

static void on_commit(void *ctx, size_t len)
{
	ZSTR_LEN(((esi_run *)ctx)->out.s) += len;
}

static const tc_esi_ops esi_ops = {on_fetch, on_accepted, on_release, on_append, on_reserve, on_commit};

ZEND_METHOD(TagCache_Page_EsiProcessor, process)
{
	zend_string *page;
	esi_run r = {0};
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(page)
		Z_PARAM_FUNC(r.fci, r.fcc)
	ZEND_PARSE_PARAMETERS_END();

	tagcache_esi_obj *o = tagcache_esi_from_obj(Z_OBJ_P(ZEND_THIS));
	if (!tc_esi_has_markup(ZSTR_VAL(page), ZSTR_LEN(page))) {
		RETURN_STR_COPY(page);
	}
	ZVAL_COPY(&r.fragments, &o->fragments);
	r.esi = o;
	if (Z_TYPE(r.fragments) == IS_OBJECT) {
		zend_object *fo = Z_OBJ(r.fragments);
		if (fo->ce == tagcache_string_frontend_ce && !Z_ISUNDEF(tagcache_frontend_from_obj(fo)->backend)) {
			r.direct = tagcache_frontend_from_obj(fo);
		} else {
			r.get_fn = zend_hash_str_find_ptr(&fo->ce->function_table, ZEND_STRL("get"));
		}
	}
	Z_TRY_ADDREF(r.fci.function_name); /* the callable outlives anything the callback does */
	zend_string_addref(page);
	r.max_fragment_size = o->max_fragment_size;
	/* Room for the last page assembled (pages repeat), at least the page and as much again
	 * of fragments, at most 16 times the page: one allocation, no copies while growing. */
	size_t want = ZSTR_LEN(page) * 2;
	if (o->last_len > want) {
		want = MIN(o->last_len, ZSTR_LEN(page) * 16);
	}
	smart_str_alloc(&r.out, want + 256, 0);
	tc_esi_limits lim = {(int)o->max_depth, (size_t)o->max_includes};
	tc_esi_err e;
	int failed_fetch = 0;
	tc_esi_result res = tc_esi_assemble(ZSTR_VAL(page), ZSTR_LEN(page), &lim, &esi_ops, &r, &e, &failed_fetch);
	if (res == TC_ESI_DONE) {
		smart_str_0(&r.out);
		o->last_len = r.out.s ? ZSTR_LEN(r.out.s) : 0;
		RETVAL_STR(r.out.s ? smart_str_extract(&r.out) : ZSTR_EMPTY_ALLOC());
	} else {
		smart_str_free(&r.out);
		if (res == TC_ESI_ERROR && !EG(exception)) {
			zend_object *ex;
			if (failed_fetch && r.failure) {
				zval rv;
				zval *m = zend_read_property_ex(r.failure->ce, r.failure, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
				ZVAL_DEREF(m);
				ex = zend_throw_exception_ex(tagcache_esi_exception_ce, 0, "%s: %s", e.err.msg,
				                             Z_TYPE_P(m) == IS_STRING ? Z_STRVAL_P(m) : ZSTR_VAL(r.failure->ce->name));
			} else {
				ex = zend_throw_exception(tagcache_esi_exception_ce, e.err.msg, 0);
			}
			if (failed_fetch && r.failure) {
				zend_exception_set_previous(ex, r.failure);
				r.failure = NULL;
			}
		}
	}
	set_failure(&r, NULL);
	zval_ptr_dtor(&r.fragments);
	zval_ptr_dtor(&r.fci.function_name);
	zend_string_release(page);
	if (r.bailed) {
		zend_bailout();
	}
}
