/* PageCache::serve()'s lookup and replay: the shared entry, then the user variant when the
 * page is user-based; a fresh record is sent as stored, or as a 304 when the request's
 * validators match. A record that does not decode is a miss, with a warning, and removed. */
#include "page_cache.h"
#include "SAPI.h"
#include "ext/date/php_date.h"
#include "../../src/page/tc_page_key.h"
#include "../../src/page/tc_page_record.h"
#include "../../src/tc_clock.h"

/* The entry id decoded into rec (strings pointing into *raw, which the caller releases);
 * false on a miss, a stale or a corrupt entry. */
static bool fetch(page_obj *p, zend_string *id, zval *raw, tc_page_record *rec)
{
	zval arg;
	ZVAL_STR_COPY(&arg, id);
	bool ok = tagcache_page_call(p, "get", raw, 1, &arg);
	zval_ptr_dtor(&arg);
	if (!ok || Z_TYPE_P(raw) != IS_STRING) {
		return false;
	}
	const char *why;
	if (tc_page_record_decode(Z_STRVAL_P(raw), Z_STRLEN_P(raw), rec, &why) != 0) {
		php_error_docref(NULL, E_WARNING, "PageCache: entry %s is corrupt (%s): treated as a miss and removed",
		                 ZSTR_VAL(id), why);
		zval ret;
		ZVAL_STR_COPY(&arg, id);
		tagcache_page_call(p, "remove", &ret, 1, &arg);
		zval_ptr_dtor(&arg);
		zval_ptr_dtor(&ret);
		return false;
	}
	return rec->expires == 0 || tc_now() <= rec->expires;
}

static bool etag_matches(zend_string *list, tc_str etag)
{
	const char *s = ZSTR_VAL(list), *end = s + ZSTR_LEN(list);
	if (etag.len > 2 && etag.ptr[0] == 'W' && etag.ptr[1] == '/') { /* weak comparison (RFC 9110 13.1.2) */
		etag.ptr += 2;
		etag.len -= 2;
	}
	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == ',')) {
			s++;
		}
		const char *e = s;
		while (e < end && *e != ',') {
			e++;
		}
		const char *t = e;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t')) {
			t--;
		}
		if (t - s >= 2 && s[0] == 'W' && s[1] == '/') {
			s += 2;
		}
		if ((t - s == 1 && *s == '*') || ((size_t)(t - s) == etag.len && etag.len && !memcmp(s, etag.ptr, etag.len))) {
			return true;
		}
		s = e;
	}
	return false;
}

static bool not_modified(page_obj *p, const tc_page_record *rec)
{
	if (rec->status != 200) {
		return false;
	}
	if (p->req.if_none_match) {
		return rec->etag.len && etag_matches(p->req.if_none_match, rec->etag);
	}
	if (p->req.if_modified_since && rec->last_modified.len) {
		char *lm = estrndup(rec->last_modified.ptr, rec->last_modified.len);
		zend_long ims = php_parse_date(ZSTR_VAL(p->req.if_modified_since), NULL);
		zend_long mod = php_parse_date(lm, NULL);
		efree(lm);
		return ims != -1 && mod != -1 && mod <= ims;
	}
	return false;
}

static void header_line(const char *line, size_t len, bool replace)
{
	sapi_header_line ctr = {0};
	ctr.line = line;
	ctr.line_len = len;
	sapi_header_op(replace ? SAPI_HEADER_REPLACE : SAPI_HEADER_ADD, &ctr);
}

static void header_pair(const char *name, tc_str value)
{
	zend_string *l = strpprintf(0, "%s: %.*s", name, (int)value.len, value.ptr);
	header_line(ZSTR_VAL(l), ZSTR_LEN(l), true);
	zend_string_release(l);
}

/* On a 304 only what RFC 9110 15.4.5 lists is sent again. */
static bool kept_on_304(const char *line, size_t len)
{
	static const char *const names[] = {"cache-control:", "content-location:", "date:", "expires:", "vary:", NULL};
	for (size_t i = 0; names[i]; i++) {
		size_t n = strlen(names[i]);
		if (len >= n && !strncasecmp(line, names[i], n)) {
			return true;
		}
	}
	return false;
}

static void replay(page_obj *p, const tc_page_record *rec)
{
	bool nm = not_modified(p, rec);
	HashTable seen;
	zend_hash_init(&seen, 8, NULL, NULL, 0);
	SG(sapi_headers).http_response_code = nm ? 304 : rec->status;
	for (size_t i = 0; i < rec->nheaders; i++) {
		const tc_str *h = &rec->headers[i];
		if (nm && !kept_on_304(h->ptr, h->len)) {
			continue;
		}
		/* The first line of a name replaces what PHP set already (X-Powered-By); later ones add. */
		const char *colon = memchr(h->ptr, ':', h->len);
		zend_string *name = zend_string_tolower(zend_string_init(h->ptr, (size_t)(colon - h->ptr), 0));
		bool first = zend_hash_add_empty_element(&seen, name) != NULL;
		zend_string_release(name);
		header_line(h->ptr, h->len, first);
	}
	zend_hash_destroy(&seen);
	if (rec->etag.len) {
		header_pair("ETag", rec->etag);
	}
	if (rec->last_modified.len) {
		header_pair("Last-Modified", rec->last_modified);
	}
	if (p->status_header) {
		header_pair(ZSTR_VAL(p->status_header), (tc_str){"HIT", 3});
	}
	if (!nm && !p->req.head && rec->body.len) {
		php_output_write(rec->body.ptr, rec->body.len);
	}
}

static bool path_protected(page_obj *p)
{
	zval *g;
	ZEND_HASH_FOREACH_VAL(p->protected_paths, g) {
		if (tc_page_glob(Z_STRVAL_P(g), Z_STRLEN_P(g), ZSTR_VAL(p->req.path), ZSTR_LEN(p->req.path))) {
			return true;
		}
	} ZEND_HASH_FOREACH_END();
	return false;
}

bool tagcache_page_serve(page_obj *p)
{
	tc_page_record *rec = emalloc(sizeof(*rec));
	zval raw;
	bool user = false, sent = false;
	ZVAL_UNDEF(&raw);
	p->is_protected = path_protected(p);
	if (p->is_protected) {
		p->user_based = user = true;
	} else {
		zend_string *base = tagcache_page_key(p, false);
		if (base && fetch(p, base, &raw, rec)) {
			if (rec->flags & TC_PAGE_FLAG_USER_MARKER) {
				p->user_based = user = true;
			} else if (!(rec->flags & TC_PAGE_FLAG_USER_VARIANT)) {
				replay(p, rec);
				sent = true;
			}
		}
		if (base) {
			zend_string_release(base);
		}
		zval_ptr_dtor(&raw);
		ZVAL_UNDEF(&raw);
	}
	if (user && !EG(exception)) {
		zend_string *key = tagcache_page_key(p, true);
		/* Only a user variant answers: a shared record under a user key would be forged. */
		if (key && fetch(p, key, &raw, rec) && (rec->flags & TC_PAGE_FLAG_USER_VARIANT)) {
			replay(p, rec);
			sent = true;
		}
		if (key) {
			zend_string_release(key);
		}
		zval_ptr_dtor(&raw);
	}
	efree(rec);
	return sent;
}
