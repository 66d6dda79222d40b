/* PageCache: reading the request (through PHP's $_SERVER and $_COOKIE as the script sees them)
 * into the canonical key fields, and the keys and tags derived from them. The encoding is
 * src/page/tc_page_key.c's; keys are HMAC-SHA256 over it, so a user variant's key cannot be
 * computed, let alone steered, without the secret. */
#include "page_cache.h"
#include "SAPI.h"
#include "ext/standard/url.h"
#include "../exceptions.h"
#include "../cache/hmac.h"
#include "../../src/page/tc_page_key.h"

static const char fixed_key[] = "tagcache page key v1";

void tagcache_page_hex(const unsigned char *in, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[in[i] >> 4];
		out[2 * i + 1] = d[in[i] & 15];
	}
	out[2 * n] = 0;
}

static HashTable *global_array(const char *name, size_t len)
{
	zend_string *n = zend_string_init(name, len, 0);
	zend_is_auto_global(n); /* fills $_SERVER when auto_globals_jit deferred it */
	zend_string_release(n);
	zval *v = zend_hash_str_find_deref(&EG(symbol_table), name, len);
	return v && Z_TYPE_P(v) == IS_ARRAY ? Z_ARRVAL_P(v) : NULL;
}

static zend_string *str_of(HashTable *ht, const char *name)
{
	zval *v = ht ? zend_hash_str_find_deref(ht, name, strlen(name)) : NULL;
	return v && Z_TYPE_P(v) == IS_STRING ? Z_STR_P(v) : NULL;
}

static void field(tc_page_buf *b, zend_string *s)
{
	tc_page_buf_field(b, s ? ZSTR_VAL(s) : "", s ? ZSTR_LEN(s) : 0);
}

static void field_c(tc_page_buf *b, const char *s, size_t n)
{
	tc_page_buf_field(b, s, n);
}

static bool normalise(page_obj *p, const char *q, size_t n, bool ignore, tc_page_buf *out)
{
	tc_str g[64];
	size_t ng = 0;
	zval *e;
	if (ignore) {
		ZEND_HASH_FOREACH_VAL(p->ignored, e) {
			if (ng < 64) {
				g[ng++] = (tc_str){Z_STRVAL_P(e), Z_STRLEN_P(e)};
			}
		} ZEND_HASH_FOREACH_END();
	}
	return tc_page_normalise_query(q, n, g, ng, out) == 0;
}

/* A callable option's answer, which must be a string. */
static zend_string *call_string(zval *fn, const char *name)
{
	zval ret;
	if (call_user_function(NULL, NULL, fn, &ret, 0, NULL) != SUCCESS || EG(exception)) {
		zval_ptr_dtor(&ret);
		return NULL;
	}
	if (Z_TYPE(ret) != IS_STRING) {
		tagcache_throw(tagcache_invalid_argument_ce, "PageCache option \"%s\": the callable must return a string, %s returned",
		               name, zend_zval_type_name(&ret));
		zval_ptr_dtor(&ret);
		return NULL;
	}
	return Z_STR(ret);
}

static zend_string *device_class(page_obj *p, HashTable *server)
{
	if (p->device_off) {
		return zend_string_init("", 0, 0);
	}
	if (Z_TYPE(p->device) != IS_UNDEF) {
		return call_string(&p->device, "device");
	}
	static const char *const mobile[] = {"Mobi", "Android", "iPhone", "iPod", "IEMobile", "Opera Mini", "BlackBerry", NULL};
	zend_string *ua = str_of(server, "HTTP_USER_AGENT");
	for (size_t i = 0; ua && mobile[i]; i++) {
		if (php_memnstr(ZSTR_VAL(ua), mobile[i], strlen(mobile[i]), ZSTR_VAL(ua) + ZSTR_LEN(ua))) {
			return zend_string_init(ZEND_STRL("mobile"), 0);
		}
	}
	return zend_string_init(ZEND_STRL("desktop"), 0);
}

void tagcache_page_request_free(page_request *r)
{
	zend_string **s[] = {&r->canon, &r->url, &r->path, &r->session_id, &r->if_none_match, &r->if_modified_since};
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		if (*s[i]) {
			zend_string_release(*s[i]);
			*s[i] = NULL;
		}
	}
	memset(r, 0, sizeof(*r));
}

static zend_string *build_url(const char *scheme, zend_string *host, const char *path, size_t plen, tc_page_buf *q)
{
	return strpprintf(0, "%s://%s%.*s%s%.*s", scheme, ZSTR_VAL(host), (int)plen, path, q->len ? "?" : "",
	                  (int)q->len, q->data ? q->data : "");
}

/* The request body of a form POST, read again from php://input (PHP keeps it). */
static zend_string *post_body(void)
{
	php_stream *s = php_stream_open_wrapper("php://input", "rb", 0, NULL);
	if (!s) {
		return NULL;
	}
	zend_string *body = php_stream_copy_to_mem(s, 8 * 1024 * 1024, 0);
	php_stream_close(s);
	return body ? body : ZSTR_EMPTY_ALLOC();
}

bool tagcache_page_request_read(page_obj *p)
{
	page_request *r = &p->req;
	tagcache_page_request_free(r);
	HashTable *server = global_array(ZEND_STRL("_SERVER"));
	HashTable *cookies = global_array(ZEND_STRL("_COOKIE"));
	zend_string *method = str_of(server, "REQUEST_METHOD");
	const char *m = method ? ZSTR_VAL(method) : "";
	bool post = false;

	if (!method) {
		r->bypass = "not an HTTP request";
	} else if (!strcmp(m, "HEAD")) {
		r->head = true;
		m = "GET";
	} else if (!strcmp(m, "POST") && p->cache_post) {
		zend_string *ct = str_of(server, "CONTENT_TYPE");
		post = true;
		if (!ct || strncasecmp(ZSTR_VAL(ct), "application/x-www-form-urlencoded", 33) != 0) {
			r->bypass = "a POST that is not a form";
		}
	} else if (strcmp(m, "GET") != 0) {
		r->bypass = "the method is not cacheable";
	}
	if (!r->bypass && (str_of(server, "HTTP_AUTHORIZATION") || str_of(server, "PHP_AUTH_USER") ||
	                   str_of(server, "PHP_AUTH_DIGEST"))) {
		r->bypass = "the request carries credentials";
	}

	zend_string *https = str_of(server, "HTTPS");
	zend_string *rs = str_of(server, "REQUEST_SCHEME");
	const char *scheme = (https && ZSTR_LEN(https) && strcasecmp(ZSTR_VAL(https), "off") != 0) ||
	                             (rs && zend_string_equals_literal_ci(rs, "https"))
	                         ? "https"
	                         : "http";
	zend_string *host = str_of(server, "HTTP_HOST");
	host = host ? host : str_of(server, "SERVER_NAME");
	host = host ? zend_string_tolower(host) : zend_string_init(ZEND_STRL("localhost"), 0);
	if (strpbrk(ZSTR_VAL(host), "/?#@ \r\n") || memchr(ZSTR_VAL(host), 0, ZSTR_LEN(host))) {
		r->bypass = r->bypass ? r->bypass : "the Host header is malformed";
	}
	zend_string *uri = str_of(server, "REQUEST_URI");
	const char *path = uri ? ZSTR_VAL(uri) : "/";
	const char *qm = strchr(path, '?');
	size_t plen = qm ? (size_t)(qm - path) : strlen(path);
	zend_string *qs = str_of(server, "QUERY_STRING");
	const char *q = qs ? ZSTR_VAL(qs) : (qm ? qm + 1 : "");
	size_t qlen = qs ? ZSTR_LEN(qs) : strlen(q);
	if (plen == 0 || path[0] != '/') {
		path = "/";
		plen = 1;
	}

	tc_page_buf canon = {0}, nq = {0}, np = {0};
	bool ok = normalise(p, q, qlen, true, &nq);
	if (ok && post && !r->bypass) {
		zend_string *body = post_body();
		ok = body && normalise(p, ZSTR_VAL(body), ZSTR_LEN(body), false, &np);
		if (body) {
			zend_string_release(body);
		}
	}
	zend_string *locale = NULL, *device = NULL;
	if (ok && Z_TYPE(p->locale) != IS_UNDEF) {
		locale = call_string(&p->locale, "locale");
	}
	if (ok && !EG(exception)) {
		device = device_class(p, server);
	}
	if (!ok && !EG(exception)) {
		zend_throw_error(NULL, "PageCache: out of memory while reading the request");
	}
	if (!EG(exception)) {
		field_c(&canon, ZEND_STRL("tcpage1"));
		field_c(&canon, m, strlen(m));
		field_c(&canon, scheme, strlen(scheme));
		field(&canon, host);
		field_c(&canon, path, plen);
		field_c(&canon, nq.data ? nq.data : "", nq.len);
		field_c(&canon, np.data ? np.data : "", np.len);
		field(&canon, locale);
		field(&canon, device);
		if (canon.oom) {
			zend_throw_error(NULL, "PageCache: out of memory while reading the request");
		} else {
			r->canon = zend_string_init(canon.data, canon.len, 0);
			r->url = build_url(scheme, host, path, plen, &nq);
			r->path = zend_string_init(path, plen, 0);
			zval *sid = cookies && p->session_name ? zend_hash_find_deref(cookies, p->session_name) : NULL;
			if (sid && Z_TYPE_P(sid) == IS_STRING && Z_STRLEN_P(sid) > 0) {
				r->session_id = zend_string_copy(Z_STR_P(sid));
			}
			zend_string *inm = str_of(server, "HTTP_IF_NONE_MATCH");
			zend_string *ims = str_of(server, "HTTP_IF_MODIFIED_SINCE");
			r->if_none_match = inm ? zend_string_copy(inm) : NULL;
			r->if_modified_since = ims ? zend_string_copy(ims) : NULL;
			r->valid = true;
		}
	}
	tc_page_buf_free(&canon);
	tc_page_buf_free(&nq);
	tc_page_buf_free(&np);
	zend_string_release(host);
	if (locale) {
		zend_string_release(locale);
	}
	if (device) {
		zend_string_release(device);
	}
	return !EG(exception);
}

static zend_string *hmac_hex(zend_string *key, const char *prefix, const char *const *parts, const size_t *lens, size_t n,
                             size_t hexlen)
{
	unsigned char mac[TAGCACHE_HMAC_SIZE];
	char hex[2 * TAGCACHE_HMAC_SIZE + 1];
	tagcache_hmac_sha256(key, parts, lens, n, mac);
	tagcache_page_hex(mac, sizeof(mac), hex);
	return strpprintf(0, "%s%.*s", prefix, (int)hexlen, hex);
}

zend_string *tagcache_page_key(page_obj *p, bool user)
{
	page_request *r = &p->req;
	tc_page_buf v = {0};
	zend_string *key;
	if (!user) {
		tc_page_buf_field(&v, "n", 1);
		key = p->secret_given ? zend_string_copy(p->secret) : zend_string_init(fixed_key, sizeof(fixed_key) - 1, 0);
	} else {
		key = tagcache_page_secret(p, true);
		if (!key) {
			return NULL;
		}
		if (r->session_id) {
			tc_page_buf_field(&v, "s", 1);
			field(&v, r->session_id);
		} else {
			tc_page_buf_field(&v, "v", 1);
		}
	}
	const char *parts[2] = {ZSTR_VAL(r->canon), v.data};
	size_t lens[2] = {ZSTR_LEN(r->canon), v.len};
	zend_string *out = hmac_hex(key, "tcpage_", parts, lens, 2, 64);
	zend_string_release(key);
	tc_page_buf_free(&v);
	return out;
}

/* Tags of URLs need no secret: anyone may flush a URL they can name. */
zend_string *tagcache_page_url_tag(zend_string *url)
{
	zend_string *key = zend_string_init(fixed_key, sizeof(fixed_key) - 1, 0);
	const char *parts[1] = {ZSTR_VAL(url)};
	size_t lens[1] = {ZSTR_LEN(url)};
	zend_string *out = hmac_hex(key, "tcpage_url_", parts, lens, 1, 40);
	zend_string_release(key);
	return out;
}

zend_string *tagcache_page_user_tag(page_obj *p, zend_string *session_id)
{
	zend_string *key = tagcache_page_secret(p, true);
	if (!key) {
		return NULL;
	}
	const char *parts[2] = {"user:", ZSTR_VAL(session_id)};
	size_t lens[2] = {5, ZSTR_LEN(session_id)};
	zend_string *out = hmac_hex(key, "tcpage_user_", parts, lens, 2, 40);
	zend_string_release(key);
	return out;
}

zend_string *tagcache_page_normalise_url(page_obj *p, zend_string *url)
{
	php_url *u = php_url_parse_ex(ZSTR_VAL(url), ZSTR_LEN(url));
	if (!u || !u->scheme || !u->host ||
	    (!zend_string_equals_literal_ci(u->scheme, "http") && !zend_string_equals_literal_ci(u->scheme, "https"))) {
		if (u) {
			php_url_free(u);
		}
		tagcache_throw(tagcache_invalid_argument_ce, "PageCache::flushUrl(): \"%s\" is not an absolute http(s) URL",
		               ZSTR_VAL(url));
		return NULL;
	}
	zend_string *scheme = zend_string_tolower(u->scheme);
	zend_string *host = zend_string_tolower(u->host);
	if (u->port) {
		zend_string *h = strpprintf(0, "%s:%u", ZSTR_VAL(host), (unsigned)u->port);
		zend_string_release(host);
		host = h;
	}
	const char *path = u->path && ZSTR_LEN(u->path) ? ZSTR_VAL(u->path) : "/";
	tc_page_buf nq = {0};
	zend_string *out = NULL;
	if (normalise(p, u->query ? ZSTR_VAL(u->query) : "", u->query ? ZSTR_LEN(u->query) : 0, true, &nq)) {
		out = build_url(ZSTR_VAL(scheme), host, path, strlen(path), &nq);
	} else {
		zend_throw_error(NULL, "PageCache: out of memory");
	}
	tc_page_buf_free(&nq);
	zend_string_release(scheme);
	zend_string_release(host);
	php_url_free(u);
	return out;
}
