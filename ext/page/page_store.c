/* PageCache: whether a captured response may be stored, and storing it. HTTP's rules for a
 * shared cache decide (status, Cache-Control, Set-Cookie, Vary); headers that belong to one
 * user are never written; a user-based page goes to its user's entry with a marker in the
 * shared one. */
#include "page_cache.h"
#include "SAPI.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "../../src/page/tc_page_record.h"
#include "../../src/tc_clock.h"

void tagcache_page_store(page_obj *p, zend_string *body);

/* Never replayed to anyone else: credentials, cookies, per-user security state. */
static const char *const denied[] = {
	"set-cookie", "set-cookie2", "www-authenticate", "proxy-authenticate", "authentication-info",
	"proxy-authentication-info", "clear-site-data", "x-csrf-token", "age", NULL,
};

typedef struct {
	bool refuse;
	bool private_;
	zend_long s_maxage, max_age; /* -1: absent */
} cc_info;

static void parse_cache_control(const char *v, size_t n, cc_info *cc)
{
	const char *s = v, *end = v + n;
	while (s < end) {
		while (s < end && (*s == ' ' || *s == ',' || *s == '\t')) {
			s++;
		}
		const char *e = s;
		while (e < end && *e != ',') {
			e++;
		}
		size_t len = (size_t)(e - s);
#define IS(lit) (len >= sizeof(lit) - 1 && !strncasecmp(s, lit, sizeof(lit) - 1))
		if (IS("no-store") || IS("no-cache")) {
			cc->refuse = true;
		} else if (IS("private")) {
			cc->private_ = true;
		} else if (IS("s-maxage=")) {
			cc->s_maxage = ZEND_STRTOL(s + 9, NULL, 10);
		} else if (IS("max-age=")) {
			cc->max_age = ZEND_STRTOL(s + 8, NULL, 10);
		}
#undef IS
		s = e;
	}
}

/* Vary names only request headers the key already covers. */
static bool vary_ok(page_obj *p, const char *v, size_t n)
{
	const char *s = v, *end = v + n;
	while (s < end) {
		while (s < end && (*s == ' ' || *s == ',' || *s == '\t')) {
			s++;
		}
		const char *e = s;
		while (e < end && *e != ',' && *e != ' ' && *e != '\t') {
			e++;
		}
		size_t len = (size_t)(e - s);
#define IS(lit) (len == sizeof(lit) - 1 && !strncasecmp(s, lit, len))
		if (len && !(IS("accept-encoding") || (IS("cookie") && p->user_based) ||
		             (IS("user-agent") && !p->device_off) || (IS("accept-language") && Z_TYPE(p->locale) != IS_UNDEF))) {
			return false;
		}
#undef IS
		s = e;
	}
	return true;
}

static void add_tag(zval *tags, const char *s, size_t n)
{
	add_next_index_stringl(tags, s, n);
}

static void collect_tags(page_obj *p, zval *tags, bool marker)
{
	zend_string *t;
	array_init(tags);
	add_tag(tags, ZEND_STRL(PAGE_TAG_ALL));
	zend_string *url = tagcache_page_url_tag(p->req.url);
	add_next_index_str(tags, url);
	ZEND_HASH_FOREACH_STR_KEY(&p->tags, t) {
		add_next_index_str(tags, zend_string_copy(t));
	} ZEND_HASH_FOREACH_END();
	if (Z_TYPE(p->tagger) == IS_OBJECT) {
		zval ret;
		zend_call_method_with_0_params(Z_OBJ(p->tagger), Z_OBJCE(p->tagger), NULL, "gettags", &ret);
		if (Z_TYPE(ret) == IS_ARRAY) {
			zval *e;
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL(ret), e) {
				if (Z_TYPE_P(e) == IS_STRING) {
					add_next_index_str(tags, zend_string_copy(Z_STR_P(e)));
				}
			} ZEND_HASH_FOREACH_END();
		}
		zval_ptr_dtor(&ret);
	}
	if (!marker && p->user_based && p->req.session_id) {
		zend_string *ut = tagcache_page_user_tag(p, p->req.session_id);
		if (ut) {
			add_next_index_str(tags, ut);
		}
	}
}

static void put(page_obj *p, zend_string *key, tc_page_record *rec, zval *tags, zend_long lifetime)
{
	size_t n = tc_page_record_size(rec);
	if (n == 0) {
		return;
	}
	zend_string *data = zend_string_alloc(n, 0);
	tc_page_record_encode(rec, ZSTR_VAL(data));
	ZSTR_VAL(data)[n] = 0;
	zval args[4], ret;
	ZVAL_STR_COPY(&args[0], key);
	ZVAL_STR(&args[1], data);
	ZVAL_COPY(&args[2], tags);
	ZVAL_LONG(&args[3], lifetime);
	tagcache_page_call(p, "set", &ret, 4, args);
	zval_ptr_dtor(&ret);
	for (int i = 0; i < 3; i++) {
		zval_ptr_dtor(&args[i]);
	}
}

static void store(page_obj *p, zend_string *body, tc_page_record *rec)
{
	int fatal = E_ERROR | E_CORE_ERROR | E_COMPILE_ERROR | E_USER_ERROR | E_PARSE | E_RECOVERABLE_ERROR;
	if (p->no_cache || !p->req.valid || p->req.bypass || p->req.head ||
	    (PG(last_error_message) && (PG(last_error_type) & fatal))) {
		return;
	}
	int status = SG(sapi_headers).http_response_code ? SG(sapi_headers).http_response_code : 200;
	if (!zend_hash_index_exists(p->status_codes, status)) {
		return;
	}
	cc_info cc = {false, false, -1, -1};
	bool have_type = false;
	zend_llist_position pos;
	for (sapi_header_struct *h = zend_llist_get_first_ex(&SG(sapi_headers).headers, &pos); h;
	     h = zend_llist_get_next_ex(&SG(sapi_headers).headers, &pos)) {
		const char *colon = memchr(h->header, ':', h->header_len);
		if (!colon || colon == h->header) {
			continue;
		}
		size_t nlen = (size_t)(colon - h->header);
		const char *v = colon + 1;
		size_t vlen = h->header_len - nlen - 1;
		while (vlen && (*v == ' ' || *v == '\t')) {
			v++;
			vlen--;
		}
		zend_string *name = zend_string_tolower(zend_string_init(h->header, nlen, 0));
		bool skip = false, refuse = false;
		if (zend_string_equals_literal(name, "set-cookie")) {
			refuse = true; /* this response starts or changes someone's state */
		} else if (zend_string_equals_literal(name, "cache-control")) {
			parse_cache_control(v, vlen, &cc);
			refuse = cc.refuse;
		} else if (zend_string_equals_literal(name, "vary")) {
			refuse = !vary_ok(p, v, vlen);
		} else if (zend_string_equals_literal(name, "etag")) {
			rec->etag = (tc_str){v, vlen};
			skip = true;
		} else if (zend_string_equals_literal(name, "last-modified")) {
			rec->last_modified = (tc_str){v, vlen};
			skip = true;
		} else if (zend_hash_exists(p->deny, name) ||
		           (p->status_header && zend_string_equals_ci(name, p->status_header))) {
			skip = true;
		} else {
			for (size_t i = 0; denied[i] && !skip; i++) {
				skip = zend_string_equals_cstr(name, denied[i], strlen(denied[i]));
			}
		}
		have_type = have_type || zend_string_equals_literal(name, "content-type");
		zend_string_release(name);
		if (refuse || rec->nheaders == TC_PAGE_MAX_HEADERS) {
			return;
		}
		if (!skip) {
			rec->headers[rec->nheaders++] = (tc_str){h->header, h->header_len};
		}
	}
	/* private: this user's only, so never in an entry another request could reach. */
	if (cc.private_ && !(p->user_based && p->req.session_id)) {
		return;
	}
	zend_long lifetime = p->default_lifetime;
	if (p->lifetime_set) {
		lifetime = p->lifetime;
	} else if (cc.s_maxage >= 0 || cc.max_age >= 0) {
		lifetime = cc.s_maxage >= 0 ? cc.s_maxage : cc.max_age;
		if (lifetime <= 0) {
			return; /* stale at once */
		}
	}
	zend_string *type = NULL;
	if (!have_type && rec->nheaders < TC_PAGE_MAX_HEADERS) {
		char *mime = sapi_get_default_content_type();
		type = strpprintf(0, "Content-Type: %s", mime);
		efree(mime);
		rec->headers[rec->nheaders++] = (tc_str){ZSTR_VAL(type), ZSTR_LEN(type)};
	}
	rec->status = status;
	rec->created = tc_now();
	rec->expires = lifetime ? rec->created + lifetime : 0;
	rec->url = (tc_str){ZSTR_VAL(p->req.url), ZSTR_LEN(p->req.url)};
	rec->body = (tc_str){ZSTR_VAL(body), ZSTR_LEN(body)};
	rec->flags = p->user_based ? TC_PAGE_FLAG_USER_VARIANT : 0;

	zval tags;
	collect_tags(p, &tags, false);
	if (ZSTR_LEN(body) == 0) {
		add_tag(&tags, ZEND_STRL(PAGE_TAG_HEADERS));
	}
	zend_string *key = EG(exception) ? NULL : tagcache_page_key(p, p->user_based);
	if (key) {
		put(p, key, rec, &tags, lifetime);
		zend_string_release(key);
	}
	zval_ptr_dtor(&tags);
	if (p->user_based && !p->is_protected && !EG(exception)) {
		tc_page_record marker = {0};
		marker.flags = TC_PAGE_FLAG_USER_MARKER;
		marker.status = status;
		marker.created = rec->created;
		marker.expires = rec->expires;
		marker.url = rec->url;
		collect_tags(p, &tags, true);
		key = tagcache_page_key(p, false);
		put(p, key, &marker, &tags, lifetime);
		zend_string_release(key);
		zval_ptr_dtor(&tags);
	}
	if (type) {
		zend_string_release(type);
	}
}

void tagcache_page_store(page_obj *p, zend_string *body)
{
	tc_page_record *rec = ecalloc(1, sizeof(*rec));
	store(p, body, rec);
	efree(rec);
	if (EG(exception)) {
		zval rv;
		zend_object *ex = EG(exception);
		GC_ADDREF(ex);
		zend_clear_exception();
		zval *msg = zend_read_property_ex(ex->ce, ex, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
		zend_string *text = zval_get_string(msg);
		OBJ_RELEASE(ex);
		php_error_docref(NULL, E_WARNING, "PageCache: the page was not stored: %s", ZSTR_VAL(text));
		zend_string_release(text);
	}
}
