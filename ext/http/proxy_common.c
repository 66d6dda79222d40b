/* The proxy list, sending options, queue send and PurgeException that VarnishClient and
 * NginxClient share (proxy_common.h), so both refuse the same bad input the same way. */
#include "http.h"
#include "proxy_common.h"
#include "exceptions.h"
#include "zend_exceptions.h"
#include "tc_alloc.h"

static void throw_bad_proxy(const char *what, zval *spec, const char *rule)
{
	char shown[96];
	tc_http_describe((tc_str){Z_STRVAL_P(spec), Z_STRLEN_P(spec)}, shown, sizeof(shown));
	tagcache_throw(tagcache_invalid_argument_ce, "%s %s %s", what, shown, rule);
}

static bool parse_proxy(tagcache_proxy_list *list, zval *spec, const char *what, bool plain_http_only)
{
	if (Z_TYPE_P(spec) != IS_STRING) {
		tagcache_throw(tagcache_invalid_argument_ce, "%s must be a string \"host:port\", got %s", what, zend_zval_type_name(spec));
		return false;
	}
	const char *s = Z_STRVAL_P(spec), *end = s + Z_STRLEN_P(spec);
	if (Z_STRLEN_P(spec) >= 7 && !strncasecmp(s, "http://", 7)) {
		s += 7;
	} else if (plain_http_only && strstr(s, "://")) {
		throw_bad_proxy(what, spec, "must be \"host:port\" or \"http://host:port\": a proxy is purged over plain HTTP");
		return false;
	}
	if (end > s && end[-1] == '/') {
		end--;
	}
	const char *host = s, *host_end, *port_s = NULL;
	if (*s == '[') {
		host = s + 1;
		host_end = memchr(host, ']', end - host);
		if (!host_end || (host_end + 1 < end && host_end[1] != ':')) {
			goto bad;
		}
		port_s = host_end + 1 < end ? host_end + 2 : NULL;
	} else {
		host_end = memchr(s, ':', end - s);
		port_s = host_end ? host_end + 1 : NULL;
		host_end = host_end ? host_end : end;
	}
	if (host_end == host) {
		goto bad;
	}
	for (const char *p = host; p < host_end; p++) {
		if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '-' || *p == ':' || *p == '_')) {
			goto bad;
		}
	}
	zend_long port = 80;
	if (port_s) {
		char *stop;
		port = ZEND_STRTOL(port_s, &stop, 10);
		if (port_s == end || stop != end || port < 1 || port > 65535) {
			goto bad;
		}
	}
	size_t i = list->count;
	list->hosts[i] = estrndup(host, host_end - host);
	list->items[i].host = list->hosts[i];
	list->items[i].port = (unsigned)port;
	list->names[i] = strchr(list->hosts[i], ':') ? zend_strpprintf(0, "[%s]:" ZEND_LONG_FMT, list->hosts[i], port)
	                                              : zend_strpprintf(0, "%s:" ZEND_LONG_FMT, list->hosts[i], port);
	list->count++;
	return true;
bad:
	throw_bad_proxy(what, spec, "is not \"host:port\", \"[ipv6]:port\" or \"http://host:port\" with a port from 1 to 65535");
	return false;
}

bool tagcache_proxy_list_parse(tagcache_proxy_list *list, HashTable *specs, const char *owner,
                               const char *what, bool plain_http_only)
{
	if (list->items) {
		zend_throw_error(NULL, "%s is already constructed", owner);
		return false;
	}
	uint32_t count = zend_hash_num_elements(specs);
	if (count == 0) {
		tagcache_throw(tagcache_invalid_argument_ce, "%s needs at least one proxy \"host:port\"", owner);
		return false;
	}
	list->items = ecalloc(count, sizeof(tc_proxy));
	list->hosts = ecalloc(count, sizeof(char *));
	list->names = ecalloc(count, sizeof(zend_string *));
	zval *spec;
	ZEND_HASH_FOREACH_VAL(specs, spec) {
		ZVAL_DEREF(spec);
		if (!parse_proxy(list, spec, what, plain_http_only)) {
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

void tagcache_proxy_list_free(tagcache_proxy_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		efree(list->hosts[i]);
		zend_string_release(list->names[i]);
	}
	if (list->items) {
		efree(list->items);
		efree(list->hosts);
		efree(list->names);
	}
	memset(list, 0, sizeof(*list));
}

void tagcache_send_options_init(tc_send_options *send)
{
	send->connect_timeout_ms = 1000;
	send->total_timeout_ms = 5000;
	send->max_connections = 64;
}

static bool seconds_to_ms(zval *val, const char *owner, const char *name, unsigned *out)
{
	double sec = Z_TYPE_P(val) == IS_LONG ? (double)Z_LVAL_P(val) : Z_TYPE_P(val) == IS_DOUBLE ? Z_DVAL_P(val) : -1;
	if (!(sec > 0 && sec <= 600)) {
		tagcache_throw(tagcache_invalid_argument_ce, "%s option \"%s\" must be a number of seconds > 0 and <= 600, got %s", owner,
		               name, Z_TYPE_P(val) == IS_LONG || Z_TYPE_P(val) == IS_DOUBLE ? "a number out of range" : zend_zval_type_name(val));
		return false;
	}
	*out = MAX(1, (unsigned)(sec * 1000 + 0.5));
	return true;
}

int tagcache_send_option(tc_send_options *send, zend_string *key, zval *val, const char *owner)
{
	if (zend_string_equals_literal(key, "connectTimeout")) {
		return seconds_to_ms(val, owner, "connectTimeout", &send->connect_timeout_ms);
	}
	if (zend_string_equals_literal(key, "timeout")) {
		return seconds_to_ms(val, owner, "timeout", &send->total_timeout_ms);
	}
	if (!zend_string_equals_literal(key, "maxConnections")) {
		return -1;
	}
	if (Z_TYPE_P(val) != IS_LONG || Z_LVAL_P(val) < 1 || Z_LVAL_P(val) > 4096) {
		tagcache_throw(tagcache_invalid_argument_ce, "%s option \"maxConnections\" must be an integer from 1 to 4096, got %s", owner,
		               Z_TYPE_P(val) == IS_LONG ? "one out of range" : zend_zval_type_name(val));
		return 0;
	}
	send->max_connections = (unsigned)Z_LVAL_P(val);
	return 1;
}

static void list_push(tc_request_list *list, tc_http_request *req)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 8;
		list->items = tc_realloc(list->items, cap * sizeof(tc_http_request));
		list->cap = cap;
	}
	list->items[list->count++] = *req;
	memset(req, 0, sizeof(*req)); /* moved: the old list frees nothing of it */
}

bool tagcache_proxy_send_queue(const tc_send_options *send, const tagcache_proxy_list *proxies,
                               tc_request_list *queue, bool keep_failed, tagcache_delivered_fn delivered,
                               void *ctx, zval *failures, smart_str *msg, size_t *failed_requests)
{
	size_t nreq = queue->count, np = proxies->count;
	tc_send_result *results = ecalloc(nreq * np, sizeof(tc_send_result));
	tc_err err;
	tc_err_clear(&err);
	if (tc_http_send(send, proxies->items, np, queue->items, nreq, results, &err) != TC_OK) {
		efree(results);
		tagcache_throw_err(&err);
		return false;
	}
	tc_request_list keep;
	tc_request_list_init(&keep);
	for (size_t r = 0; r < nreq; r++) {
		bool failed = false;
		for (size_t p = 0; p < np; p++) {
			tc_send_result *res = &results[r * np + p];
			if (!delivered(ctx, &queue->items[r], p, res)) {
				failed = true;
				tagcache_purge_add_failure(failures, msg, &queue->items[r], proxies->names[p], res, false);
			}
		}
		if (failed) {
			(*failed_requests)++;
			if (keep_failed) {
				list_push(&keep, &queue->items[r]);
			}
		}
	}
	efree(results);
	tc_request_list_free(queue);
	*queue = keep;
	return true;
}

/* "BAN / X-Cache-Tags: (^|,)(a|b)(,|$)", cut to stay readable in a message. */
static zend_string *describe(const tc_http_request *req)
{
	smart_str s = {0};
	smart_str_appends(&s, req->method);
	smart_str_appendc(&s, ' ');
	smart_str_appends(&s, req->target);
	for (size_t i = 0; i < req->nheaders && i < 3; i++) {
		smart_str_appendc(&s, ' ');
		smart_str_appends(&s, req->headers[i].name);
		smart_str_appends(&s, ": ");
		size_t len = strlen(req->headers[i].value);
		smart_str_appendl(&s, req->headers[i].value, MIN(len, 120));
		if (len > 120) {
			smart_str_appends(&s, "...");
		}
	}
	return smart_str_extract(&s);
}

static const char *kind_name(tc_send_outcome o)
{
	switch (o) {
	case TC_SEND_UNREACHABLE:
		return "unreachable";
	case TC_SEND_BAD_RESPONSE:
		return "bad_response";
	case TC_SEND_TIMEOUT:
		return "timeout";
	default:
		return "ok";
	}
}

void tagcache_purge_add_failure(zval *failures, smart_str *msg, const tc_http_request *req,
                                zend_string *proxy, const tc_send_result *res, bool delayed)
{
	zend_string *what = describe(req);
	zval f;
	array_init(&f);
	add_assoc_str(&f, "request", zend_string_copy(what));
	add_assoc_str(&f, "proxy", zend_string_copy(proxy));
	add_assoc_string(&f, "kind", kind_name(res->outcome));
	add_assoc_long(&f, "status", res->status);
	add_assoc_string(&f, "reason", res->reason);
	if (delayed) {
		add_assoc_bool(&f, "delayed", true);
	}
	if (zend_hash_num_elements(Z_ARRVAL_P(failures)) < 5) {
		smart_str_appends(msg, zend_hash_num_elements(Z_ARRVAL_P(failures)) ? "; " : ": ");
		if (delayed) {
			smart_str_appends(msg, "second send of ");
		}
		smart_str_append(msg, what);
		smart_str_appends(msg, " on ");
		smart_str_append(msg, proxy);
		smart_str_appends(msg, ": ");
		smart_str_appends(msg, res->reason);
		smart_str_appends(msg, " (");
		smart_str_appends(msg, kind_name(res->outcome));
		smart_str_appendc(msg, ')');
	}
	add_next_index_zval(failures, &f);
	zend_string_release(what);
}

void tagcache_purge_throw(const char *head, bool kept, zval *failures, smart_str *msg)
{
	uint32_t nfail = zend_hash_num_elements(Z_ARRVAL_P(failures));
	smart_str_0(msg);
	zend_string *text = zend_strpprintf(0, "%s (%u failures%s)%s%s%s", head, nfail, kept ? ", kept for the next flush()" : "",
	                                    msg->s ? ZSTR_VAL(msg->s) : "", nfail > 5 ? "; and " : "",
	                                    nfail > 5 ? "more: see getFailures()" : "");
	smart_str_free(msg);
	zval ex;
	object_init_ex(&ex, tagcache_http_purge_exception_ce);
	zend_update_property_str(zend_ce_exception, Z_OBJ(ex), "message", sizeof("message") - 1, text);
	zend_string_release(text);
	zval *slot = tagcache_http_prop(Z_OBJ(ex), tagcache_http_purge_exception_ce, "failures");
	zval_ptr_dtor(slot);
	ZVAL_COPY_VALUE(slot, failures);
	zend_throw_exception_object(&ex);
}
