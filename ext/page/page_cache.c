/* TagCache\Page\PageCache: the class, its object handlers and methods. The parts live
 * beside it: options (page_options.c), key (page_key.c), storage calls (page_storage.c),
 * lookup and replay (page_serve.c), capture (page_capture.c) and storing (page_store.c). */
#include "page.h"
#include "page_cache.h"
#include "SAPI.h"
#include "../exceptions.h"
#include "../validate.h"
#include "../cache/frontend.h"
#include "../cache/backend.h"
#include "../../src/page/tc_page_record.h"
#include "../../stubs/page_arginfo.h"

zend_class_entry *tagcache_page_cache_ce;
static zend_object_handlers page_handlers;

static zend_object *page_create(zend_class_entry *ce)
{
	page_obj *p = zend_object_alloc(sizeof(page_obj), ce);
	zend_object_std_init(&p->std, ce);
	object_properties_init(&p->std, ce);
	p->std.handlers = &page_handlers;
	ZVAL_UNDEF(&p->storage);
	ZVAL_UNDEF(&p->locale);
	ZVAL_UNDEF(&p->device);
	ZVAL_UNDEF(&p->tagger);
	zend_hash_init(&p->tags, 8, NULL, NULL, 0);
	return &p->std;
}

static void page_free(zend_object *obj)
{
	page_obj *p = page_from(obj);
	tagcache_page_options_free(p);
	tagcache_page_request_free(&p->req);
	zend_hash_destroy(&p->tags);
	zend_object_std_dtor(obj);
}

/* The storage and callables may hold the page cache (a closure over it). */
static HashTable *page_get_gc(zend_object *obj, zval **table, int *n)
{
	page_obj *p = page_from(obj);
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();
	zend_get_gc_buffer_add_zval(buf, &p->storage);
	zend_get_gc_buffer_add_zval(buf, &p->locale);
	zend_get_gc_buffer_add_zval(buf, &p->device);
	zend_get_gc_buffer_add_zval(buf, &p->tagger);
	zend_get_gc_buffer_use(buf, table, n);
	return zend_std_get_properties(obj);
}

static page_obj *constructed(zval *this_zv)
{
	page_obj *p = page_from(Z_OBJ_P(this_zv));
	if (!p->constructed) {
		zend_throw_error(NULL, "TagCache\\Page\\PageCache::__construct() was not called");
		return NULL;
	}
	return p;
}

#define PAGE()                               \
	page_obj *p = constructed(ZEND_THIS);    \
	if (!p) {                                \
		RETURN_THROWS();                     \
	}

ZEND_METHOD(TagCache_Page_PageCache, __construct)
{
	zval *storage = NULL;
	HashTable *options = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJECT_OR_NULL(storage)
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();
	if (storage && !instanceof_function(Z_OBJCE_P(storage), tagcache_frontend_interface_ce) &&
	    !instanceof_function(Z_OBJCE_P(storage), tagcache_backend_interface_ce)) {
		zend_argument_type_error(1, "must be of type TagCache\\Frontend\\FrontendInterface|TagCache\\Backend\\BackendInterface|null, %s given",
		                         ZSTR_VAL(Z_OBJCE_P(storage)->name));
		RETURN_THROWS();
	}
	HashTable empty;
	zend_hash_init(&empty, 0, NULL, NULL, 0);
	tagcache_page_options(page_from(Z_OBJ_P(ZEND_THIS)), storage, options ? options : &empty);
	zend_hash_destroy(&empty);
}

ZEND_METHOD(TagCache_Page_PageCache, serve)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PAGE();
	if (p->state != PAGE_IDLE) {
		RETURN_BOOL(p->state == PAGE_HIT);
	}
	if (!tagcache_page_request_read(p)) {
		RETURN_THROWS();
	}
	if (p->req.bypass) {
		p->state = PAGE_BYPASS;
		RETURN_FALSE;
	}
	bool hit = tagcache_page_serve(p);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	if (hit) {
		p->state = PAGE_HIT;
		RETURN_TRUE;
	}
	p->state = PAGE_MISS;
	if (p->req.head || !tagcache_page_capture_start(p)) {
		p->state = PAGE_BYPASS;
	} else if (p->status_header) {
		zend_string *line = strpprintf(0, "%s: MISS", ZSTR_VAL(p->status_header));
		sapi_header_line ctr = {0};
		ctr.line = ZSTR_VAL(line);
		ctr.line_len = ZSTR_LEN(line);
		sapi_header_op(SAPI_HEADER_REPLACE, &ctr);
		zend_string_release(line);
	}
	RETURN_FALSE;
}

ZEND_METHOD(TagCache_Page_PageCache, getStatus)
{
	static const char *const names[] = {"", "HIT", "MISS", "BYPASS"};
	ZEND_PARSE_PARAMETERS_NONE();
	PAGE();
	RETURN_STRING(names[p->state]);
}

/* The request as serve() read it, or read now. */
static bool request(page_obj *p)
{
	return p->req.valid || tagcache_page_request_read(p);
}

ZEND_METHOD(TagCache_Page_PageCache, getKey)
{
	bool user = false;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(user)
	ZEND_PARSE_PARAMETERS_END();
	PAGE();
	if (!request(p)) {
		RETURN_THROWS();
	}
	zend_string *key = tagcache_page_key(p, user);
	if (!key) {
		RETURN_THROWS();
	}
	RETURN_STR(key);
}

ZEND_METHOD(TagCache_Page_PageCache, getUrl)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PAGE();
	if (!request(p)) {
		RETURN_THROWS();
	}
	RETURN_STR_COPY(p->req.url);
}

ZEND_METHOD(TagCache_Page_PageCache, addTags)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	PAGE();
	if (!tagcache_check_tags(tags)) {
		RETURN_THROWS();
	}
	zval *t;
	ZEND_HASH_FOREACH_VAL(tags, t) {
		ZVAL_DEREF(t);
		zend_hash_add_empty_element(&p->tags, Z_STR_P(t));
	} ZEND_HASH_FOREACH_END();
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(TagCache_Page_PageCache, setLifetime)
{
	zend_long lifetime;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(lifetime)
	ZEND_PARSE_PARAMETERS_END();
	PAGE();
	if (lifetime < 0) {
		zend_argument_value_error(1, "must be >= 0 (seconds, 0 = unlimited), " ZEND_LONG_FMT " given", lifetime);
		RETURN_THROWS();
	}
	p->lifetime = lifetime;
	p->lifetime_set = true;
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(TagCache_Page_PageCache, markUserBased)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PAGE();
	p->user_based = true;
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(TagCache_Page_PageCache, doNotCache)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PAGE();
	p->no_cache = true;
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(TagCache_Page_PageCache, getStorage)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PAGE();
	RETURN_COPY(&p->storage);
}

ZEND_METHOD(TagCache_Page_PageCache, flush)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PAGE();
	tagcache_page_flush_tag(p, ZEND_STRL(PAGE_TAG_ALL));
}

static void flush_tag_return(page_obj *p, zend_string *tag, zval *return_value)
{
	zend_long n = tagcache_page_flush_tag(p, ZSTR_VAL(tag), ZSTR_LEN(tag));
	if (n >= 0) {
		RETVAL_LONG(n);
	}
}

ZEND_METHOD(TagCache_Page_PageCache, flushByTag)
{
	zend_string *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(tag)
	ZEND_PARSE_PARAMETERS_END();
	PAGE();
	if (!tagcache_check_tag(tag)) {
		RETURN_THROWS();
	}
	flush_tag_return(p, tag, return_value);
}

ZEND_METHOD(TagCache_Page_PageCache, flushByTags)
{
	HashTable *tags;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(tags)
	ZEND_PARSE_PARAMETERS_END();
	PAGE();
	if (!tagcache_check_tags(tags)) {
		RETURN_THROWS();
	}
	zval arg, ret;
	ZVAL_ARR(&arg, zend_array_dup(tags));
	bool ok = tagcache_page_call(p, "flushByTags", &ret, 1, &arg);
	zval_ptr_dtor(&arg);
	if (ok) {
		RETVAL_LONG(Z_TYPE(ret) == IS_LONG ? Z_LVAL(ret) : 0);
	}
	zval_ptr_dtor(&ret);
}

ZEND_METHOD(TagCache_Page_PageCache, flushUrl)
{
	zend_string *url;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(url)
	ZEND_PARSE_PARAMETERS_END();
	PAGE();
	zend_string *norm = tagcache_page_normalise_url(p, url);
	if (!norm) {
		RETURN_THROWS();
	}
	zend_string *tag = tagcache_page_url_tag(norm);
	zend_string_release(norm);
	flush_tag_return(p, tag, return_value);
	zend_string_release(tag);
}

ZEND_METHOD(TagCache_Page_PageCache, flushUser)
{
	zend_string *sid;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(sid)
	ZEND_PARSE_PARAMETERS_END();
	PAGE();
	if (ZSTR_LEN(sid) == 0) {
		zend_argument_value_error(1, "must be a non-empty session id");
		RETURN_THROWS();
	}
	zend_string *secret = tagcache_page_secret(p, false);
	if (!secret) {
		if (EG(exception)) {
			RETURN_THROWS();
		}
		RETURN_LONG(0); /* no secret yet: no user page was ever stored */
	}
	zend_string_release(secret);
	zend_string *tag = tagcache_page_user_tag(p, sid);
	if (!tag) {
		RETURN_THROWS();
	}
	flush_tag_return(p, tag, return_value);
	zend_string_release(tag);
}

ZEND_METHOD(TagCache_Page_PageCache, flushHeadersOnly)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PAGE();
	zend_string *tag = zend_string_init(ZEND_STRL(PAGE_TAG_HEADERS), 0);
	flush_tag_return(p, tag, return_value);
	zend_string_release(tag);
}

static bool urls_by_tag(page_obj *p, zend_string *tag, zval *out)
{
	zval arg, ret;
	ZVAL_STR_COPY(&arg, tag);
	bool ok = tagcache_page_call(p, "getByTag", &ret, 1, &arg);
	zval_ptr_dtor(&arg);
	if (!ok) {
		return false;
	}
	HashTable seen;
	zend_hash_init(&seen, 8, NULL, NULL, 0);
	array_init(out);
	if (Z_TYPE(ret) == IS_ARRAY) {
		tc_page_record *rec = emalloc(sizeof(*rec));
		zval *v;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(ret), v) {
			const char *why;
			if (Z_TYPE_P(v) != IS_STRING || tc_page_record_decode(Z_STRVAL_P(v), Z_STRLEN_P(v), rec, &why) != 0 ||
			    rec->url.len == 0) {
				continue; /* not a page (a shared storage) or corrupt */
			}
			if (zend_hash_str_add_empty_element(&seen, rec->url.ptr, rec->url.len)) {
				add_next_index_stringl(out, rec->url.ptr, rec->url.len);
			}
		} ZEND_HASH_FOREACH_END();
		efree(rec);
	}
	zend_hash_destroy(&seen);
	zval_ptr_dtor(&ret);
	return true;
}

ZEND_METHOD(TagCache_Page_PageCache, getUrlsByTag)
{
	zend_string *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(tag)
	ZEND_PARSE_PARAMETERS_END();
	PAGE();
	if (!tagcache_check_tag(tag) || !urls_by_tag(p, tag, return_value)) {
		RETURN_THROWS();
	}
}

ZEND_METHOD(TagCache_Page_PageCache, flushByTagReturningUrls)
{
	zend_string *tag;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(tag)
	ZEND_PARSE_PARAMETERS_END();
	PAGE();
	if (!tagcache_check_tag(tag) || !urls_by_tag(p, tag, return_value)) {
		RETURN_THROWS();
	}
	if (tagcache_page_flush_tag(p, ZSTR_VAL(tag), ZSTR_LEN(tag)) < 0) {
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
		RETURN_THROWS();
	}
}

void tagcache_page_cache_register(void)
{
	tagcache_page_cache_ce = register_class_TagCache_Page_PageCache();
	tagcache_page_cache_ce->create_object = page_create;
	memcpy(&page_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	page_handlers.offset = XtOffsetOf(page_obj, std);
	page_handlers.free_obj = page_free;
	page_handlers.get_gc = page_get_gc;
	page_handlers.clone_obj = NULL; /* one page cache per request: a copy would capture twice */
}
