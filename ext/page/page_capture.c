/* PageCache's capture of a missed page: an output handler started by serve() keeps a copy of
 * everything the page outputs (passing it on unchanged), and the request's end stores it.
 * Storing happens in the extension's RSHUTDOWN, after every output buffer ended, never inside
 * the handler: a warning or a storage call printing there would be a fatal error of the
 * output layer. A discarded buffer (ob_end_clean()) stores nothing. */
#include "page_cache.h"
#include "SAPI.h"
#include "zend_smart_str.h"
#include "ext/hash/php_hash.h"
#include "page.h"

void tagcache_page_store(page_obj *p, zend_string *body);

typedef struct {
	zend_object *page; /* a reference, released at the request's end */
	smart_str body;
	bool finished, discarded;
	int refs; /* the output handler's and the request end's */
} page_capture;

ZEND_TLS page_capture *pending;

static void capture_unref(page_capture *c)
{
	if (--c->refs == 0) {
		smart_str_free(&c->body);
		efree(c);
	}
}

static void handler_dtor(void *ctx)
{
	capture_unref(ctx);
}

static bool has_header(const char *name, size_t n)
{
	zend_llist_position pos;
	for (sapi_header_struct *h = zend_llist_get_first_ex(&SG(sapi_headers).headers, &pos); h;
	     h = zend_llist_get_next_ex(&SG(sapi_headers).headers, &pos)) {
		if (h->header_len > n && h->header[n] == ':' && !strncasecmp(h->header, name, n)) {
			return true;
		}
	}
	return false;
}

/* A response that may be stored and has no ETag gets one from its body, so even pages that
 * never thought of validators are answered with 304s. */
static void add_etag(page_obj *p, page_capture *c)
{
	int status = SG(sapi_headers).http_response_code ? SG(sapi_headers).http_response_code : 200;
	if (!p->etag || p->no_cache || SG(headers_sent) || status != 200 || has_header("ETag", 4)) {
		return;
	}
	zend_string *name = zend_string_init(ZEND_STRL("sha256"), 0);
	const php_hash_ops *ops = php_hash_fetch_ops(name);
	zend_string_release(name);
	if (!ops) {
		return;
	}
	unsigned char digest[32];
	char hex[65];
	void *ctx = emalloc(ops->context_size);
	ops->hash_init(ctx, NULL);
	if (c->body.s) {
		ops->hash_update(ctx, (const unsigned char *)ZSTR_VAL(c->body.s), ZSTR_LEN(c->body.s));
	}
	ops->hash_final(digest, ctx);
	efree(ctx);
	tagcache_page_hex(digest, 16, hex);
	zend_string *line = strpprintf(0, "ETag: \"%s\"", hex);
	sapi_header_line ctr = {0};
	ctr.line = ZSTR_VAL(line);
	ctr.line_len = ZSTR_LEN(line);
	sapi_header_op(SAPI_HEADER_REPLACE, &ctr);
	zend_string_release(line);
}

static int handler(void **ctx, php_output_context *oc)
{
	page_capture *c = *ctx;
	if (oc->op & PHP_OUTPUT_HANDLER_CLEAN) {
		if (c->body.s) {
			ZSTR_LEN(c->body.s) = 0;
		}
		if (oc->op & PHP_OUTPUT_HANDLER_FINAL) {
			c->discarded = true;
		}
	} else if (oc->in.used) {
		smart_str_appendl(&c->body, oc->in.data, oc->in.used);
	}
	if ((oc->op & PHP_OUTPUT_HANDLER_FINAL) && !c->discarded && c->page) {
		c->finished = true;
		add_etag(page_from(c->page), c);
	}
	/* Pass the input on unchanged (what output.c's own pass-through does). */
	oc->out.data = oc->in.data;
	oc->out.used = oc->in.used;
	oc->out.size = oc->in.size;
	oc->out.free = oc->in.free;
	oc->in.data = NULL;
	oc->in.used = oc->in.size = 0;
	oc->in.free = 0;
	return SUCCESS;
}

bool tagcache_page_capture_start(page_obj *p)
{
	if (pending) {
		return false; /* one capture per request: the first serve() owns the page */
	}
	php_output_handler *h = php_output_handler_create_internal(ZEND_STRL("TagCache\\Page\\PageCache"), handler, 0,
	                                                           PHP_OUTPUT_HANDLER_STDFLAGS);
	if (!h) {
		return false;
	}
	page_capture *c = ecalloc(1, sizeof(*c));
	c->page = &p->std;
	GC_ADDREF(c->page);
	c->refs = 2;
	php_output_handler_set_context(h, c, handler_dtor);
	if (php_output_handler_start(h) != SUCCESS) {
		php_output_handler_free(&h);
		OBJ_RELEASE(c->page);
		capture_unref(c);
		return false;
	}
	pending = c;
	return true;
}

void tagcache_page_request_end(void)
{
	page_capture *c = pending;
	if (!c) {
		return;
	}
	pending = NULL;
	zend_object *page = c->page;
	c->page = NULL;
	if (c->finished && !c->discarded) {
		smart_str_0(&c->body);
		zend_try {
			tagcache_page_store(page_from(page), c->body.s ? c->body.s : ZSTR_EMPTY_ALLOC());
		} zend_end_try();
	}
	OBJ_RELEASE(page);
	capture_unref(c);
}
