/* Request lists: ownership, merging identical requests, and HTTP/1.1 serialisation. */
#include <string.h>

#include "../tc_alloc.h"
#include "../tc_map.h"
#include "tc_http_int.h"

void tc_request_list_init(tc_request_list *list)
{
	memset(list, 0, sizeof(*list));
}

void tc_req_free(tc_http_request *req)
{
	for (size_t i = 0; i < req->nheaders; i++) {
		tc_free(req->headers[i].name);
		tc_free(req->headers[i].value);
	}
	tc_free(req->headers);
	tc_free(req->method);
	tc_free(req->target);
	tc_free(req->host);
	memset(req, 0, sizeof(*req));
}

void tc_request_list_truncate(tc_request_list *list, size_t keep)
{
	while (list->count > keep) {
		tc_req_free(&list->items[--list->count]);
	}
}

void tc_request_list_free(tc_request_list *list)
{
	tc_request_list_truncate(list, 0);
	tc_free(list->items);
	tc_request_list_init(list);
}

tc_status tc_req_push(tc_request_list *list, tc_http_request *req, tc_err *err)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 4;
		tc_http_request *p = tc_realloc(list->items, cap * sizeof(*p));
		if (!p) {
			tc_req_free(req);
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory building purge requests");
		}
		list->items = p;
		list->cap = cap;
	}
	list->items[list->count++] = *req;
	memset(req, 0, sizeof(*req));
	return TC_OK;
}

int tc_req_init(
	tc_http_request *req, const char *method, const char *target, size_t tlen, const char *host)
{
	memset(req, 0, sizeof(*req));
	req->method = tc_strndup(method, strlen(method));
	req->target = tc_strndup(target, tlen);
	req->host = host ? tc_strndup(host, strlen(host)) : NULL;
	if (!req->method || !req->target || (host && !req->host)) {
		tc_req_free(req);
		return -1;
	}
	return 0;
}

int tc_req_add_header(tc_http_request *req, const char *name, const char *value, size_t vlen)
{
	tc_http_header *h = tc_realloc(req->headers, (req->nheaders + 1) * sizeof(*h));
	if (!h) {
		return -1;
	}
	req->headers = h;
	h[req->nheaders].name = tc_strndup(name, strlen(name));
	h[req->nheaders].value = tc_strndup(value, vlen);
	if (!h[req->nheaders].name || !h[req->nheaders].value) {
		tc_free(h[req->nheaders].name);
		tc_free(h[req->nheaders].value);
		return -1;
	}
	req->nheaders++;
	return 0;
}

int tc_req_copy(tc_http_request *dst, const tc_http_request *src)
{
	if (tc_req_init(dst, src->method, src->target, strlen(src->target), src->host) != 0) {
		return -1;
	}
	for (size_t i = 0; i < src->nheaders; i++) {
		const tc_http_header *h = &src->headers[i];
		if (tc_req_add_header(dst, h->name, h->value, strlen(h->value)) != 0) {
			tc_req_free(dst);
			return -1;
		}
	}
	return 0;
}

/* Appends s and its NUL, so "ab"+"c" and "a"+"bc" give different keys. */
static char *rq_put(char *p, const char *s)
{
	size_t n = strlen(s) + 1;
	memcpy(p, s, n);
	return p + n;
}

/* One key per request: method, target, host (with a flag telling NULL from ""), headers. */
char *tc_req_key(const tc_http_request *r, size_t *len)
{
	size_t n = strlen(r->method) + strlen(r->target) + 4 + (r->host ? strlen(r->host) : 0);
	for (size_t i = 0; i < r->nheaders; i++) {
		n += strlen(r->headers[i].name) + strlen(r->headers[i].value) + 2;
	}
	char *key = tc_malloc(n);
	if (!key) {
		return NULL;
	}
	char *p = rq_put(key, r->method);
	p = rq_put(p, r->target);
	*p++ = r->host ? 'h' : '-';
	p = rq_put(p, r->host ? r->host : "");
	for (size_t i = 0; i < r->nheaders; i++) {
		p = rq_put(p, r->headers[i].name);
		p = rq_put(p, r->headers[i].value);
	}
	*len = (size_t)(p - key);
	return key;
}

void tc_request_list_dedupe(tc_request_list *list)
{
	/* A hash of the requests seen keeps this linear. Out of memory merges nothing more:
	 * sending a request twice is harmless, losing one is not. */
	tc_map seen;
	tc_map_init(&seen);
	size_t kept = 0;
	int failed = 0;
	for (size_t i = 0; i < list->count; i++) {
		int dup = 0;
		if (!failed) {
			size_t klen;
			char *key = tc_req_key(&list->items[i], &klen);
			int created = 0;
			if (!key || !tc_map_upsert(&seen, key, klen, &created)) {
				failed = 1;
			} else {
				dup = !created;
			}
			tc_free(key);
		}
		if (dup) {
			tc_req_free(&list->items[i]);
		} else {
			list->items[kept++] = list->items[i];
		}
	}
	list->count = kept;
	tc_map_destroy(&seen, NULL);
}

static char *rq_cat(char *p, const char *a, const char *b, const char *c)
{
	size_t n;
	n = strlen(a), memcpy(p, a, n), p += n;
	n = strlen(b), memcpy(p, b, n), p += n;
	n = strlen(c), memcpy(p, c, n), p += n;
	return p;
}

char *tc_http_request_bytes(
	const tc_http_request *req, const char *default_host, int keep_alive, size_t *len)
{
	/* HTTP/1.1 requires a Host header; Varnish answers 400 without one. */
	const char *host = req->host ? req->host : default_host ? default_host : "localhost";
	const char *conn = keep_alive ? "" : "Connection: close\r\n";
	size_t n = strlen(req->method) + 1 + strlen(req->target) + sizeof(" HTTP/1.1\r\n") - 1 +
			   sizeof("Host: \r\n") - 1 + strlen(host) + strlen(conn) + 2;
	for (size_t i = 0; i < req->nheaders; i++) {
		n += strlen(req->headers[i].name) + 2 + strlen(req->headers[i].value) + 2;
	}
	char *buf = tc_malloc(n + 1);
	if (!buf) {
		return NULL;
	}
	char *p = rq_cat(buf, req->method, " ", req->target);
	p = rq_cat(p, " HTTP/1.1\r\n", "Host: ", host);
	p = rq_cat(p, "\r\n", "", "");
	for (size_t i = 0; i < req->nheaders; i++) {
		p = rq_cat(p, req->headers[i].name, ": ", req->headers[i].value);
		p = rq_cat(p, "\r\n", "", "");
	}
	p = rq_cat(p, conn, "\r\n", "");
	*p = '\0';
	*len = (size_t)(p - buf);
	return buf;
}
