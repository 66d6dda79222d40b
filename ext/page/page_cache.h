/* The PageCache object and what its parts (options, key, storage, serve, capture) share. */
#ifndef TAGCACHE_PAGE_CACHE_H
#define TAGCACHE_PAGE_CACHE_H

#include "php.h"

/* What serve() read from the request; owned by the object, rebuilt by each serve(). */
typedef struct {
	bool valid;
	const char *bypass;   /* why this request is not cached; NULL when it may be */
	bool head;            /* HEAD: answered from GET's entry, never stored */
	zend_string *canon;   /* the key fields without the user variant (tc_page_key.h) */
	zend_string *url;     /* scheme://host/path?normalised-query */
	zend_string *path;
	zend_string *session_id;
	zend_string *if_none_match, *if_modified_since;
} page_request;

enum { PAGE_IDLE, PAGE_HIT, PAGE_MISS, PAGE_BYPASS };

typedef struct {
	bool constructed;
	zval storage; /* a FrontendInterface */
	zend_long default_lifetime;
	HashTable *ignored;         /* list of globs */
	HashTable *deny;            /* lower-cased header names => true */
	HashTable *status_codes;    /* status => true */
	HashTable *protected_paths; /* list of globs */
	bool cache_post, etag, device_off;
	zval locale, device, tagger; /* UNDEF when not given */
	zend_string *session_name, *secret, *status_header;
	bool secret_given;
	/* this request */
	int state;
	HashTable tags; /* tag => true */
	zend_long lifetime;
	bool lifetime_set, user_based, no_cache, is_protected;
	page_request req;
	zend_object std;
} page_obj;

static inline page_obj *page_from(zend_object *obj)
{
	return (page_obj *)((char *)obj - XtOffsetOf(page_obj, std));
}

extern zend_class_entry *tagcache_page_cache_ce;

/* page_options.c: fills p from the constructor's arguments; false with an exception thrown. */
bool tagcache_page_options(page_obj *p, zval *storage, HashTable *options);
void tagcache_page_options_free(page_obj *p);

/* page_key.c */
bool tagcache_page_request_read(page_obj *p);
void tagcache_page_request_free(page_request *r);
/* "tcpage_" + 64 hex: the shared entry, or (user) the session's / visitor's entry. NULL with
 * an exception thrown (the secret could not be read). */
zend_string *tagcache_page_key(page_obj *p, bool user);
zend_string *tagcache_page_url_tag(zend_string *url);
zend_string *tagcache_page_user_tag(page_obj *p, zend_string *session_id);
/* The URL of a page as the store records it, from an absolute URL; NULL with an exception. */
zend_string *tagcache_page_normalise_url(page_obj *p, zend_string *url);
void tagcache_page_hex(const unsigned char *in, size_t n, char *out);

/* page_storage.c: calls into the storage frontend. */
bool tagcache_page_call(page_obj *p, const char *method, zval *ret, uint32_t argc, zval *argv);
zend_long tagcache_page_flush_tag(page_obj *p, const char *tag, size_t len);
zend_string *tagcache_page_secret(page_obj *p, bool create);

/* page_serve.c: lookup and send; true when a response was sent. */
bool tagcache_page_serve(page_obj *p);

/* page_capture.c */
bool tagcache_page_capture_start(page_obj *p);
void tagcache_page_request_end(void);

#define PAGE_TAG_ALL "tcpage"
#define PAGE_TAG_HEADERS "tcpage_headers"
#define PAGE_SECRET_ID "tcpage_secret"

#endif
