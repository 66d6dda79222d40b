/* Fuzz target: the proxy answer parser (src/http/tc_response.c), fed what a proxy (or
 * anything listening on its port) sends back. The input is cut into lines as tc_send.c does
 * (LF, or CRLF with the CR dropped) and walked through status line, headers, and again after a
 * 1xx. Invariants: the status line is accepted exactly when a reference reading of
 * "HTTP/x SSS[ reason]" accepts it, with the same status; a rejected line leaves the head as
 * it was; the reason is printable and NUL-terminated in its buffer; Content-Length is -1 or
 * the decimal value written; a formatted "Content-Length: n" reads back as n. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../src/http/tc_response.h"

#define FAIL(...) (fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())

/* Reference status line reading; returns the status or -1. */
static int ref_status(const char *l, size_t len)
{
	if (len < 12 || strncmp(l, "HTTP/", 5) != 0) {
		return -1;
	}
	size_t s = 0;
	while (s < len && l[s] != ' ') {
		s++;
	}
	if (s == len || s + 4 > len) {
		return -1;
	}
	int v = 0;
	for (size_t i = s + 1; i < s + 4; i++) {
		if (l[i] < '0' || l[i] > '9') {
			return -1;
		}
		v = v * 10 + (l[i] - '0');
	}
	if (s + 4 < len && l[s + 4] != ' ') {
		return -1;
	}
	return v;
}

/* Reference Content-Length: optional blanks, decimal digits (leading zeros allowed), then
 * the end or a blank; values of 2^50 and more before the last digit are unreadable (-1). */
static long long ref_length(const char *v)
{
	v += strspn(v, " \t");
	size_t d = strspn(v, "0123456789");
	if (d == 0 || (v[d] != '\0' && v[d] != ' ' && v[d] != '\t')) {
		return -1;
	}
	unsigned __int128 n = 0, prefix = 0;
	for (size_t i = 0; i < d; i++) {
		prefix = n;
		if (n < ((unsigned __int128)1 << 100)) {
			n = n * 10 + (unsigned)(v[i] - '0');
		}
	}
	return prefix < ((unsigned __int128)1 << 50) ? (long long)n : -1;
}

static void check_head(const tc_response_head *h)
{
	size_t n = strnlen(h->reason, sizeof(h->reason));
	if (n == sizeof(h->reason)) {
		FAIL("reason not terminated");
	}
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)h->reason[i] < 0x20 || (unsigned char)h->reason[i] >= 0x7f) {
			FAIL("reason holds byte 0x%02x", (unsigned char)h->reason[i]);
		}
	}
	if (h->length < -1 || h->length > (1LL << 50) * 10 + 9) {
		FAIL("Content-Length %lld", h->length);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tc_response_head h;
	memset(&h, 0, sizeof(h));
	h.length = -1;
	int in_headers = 0;
	size_t at = 0;
	while (at < size) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);
		size_t end = nl ? (size_t)(nl - data) : size;
		size_t len = end - at;
		if (nl && len && data[end - 1] == '\r') {
			len--;
		}
		/* Exact-size, NUL-terminated as tc_send.c's line buffer is. */
		char *line = malloc(len + 1);
		memcpy(line, data + at, len);
		line[len] = '\0';
		at = end + 1;
		if (!in_headers) {
			tc_response_head before = h;
			int rc = tc_response_status_line(&h, line, len);
			int want = ref_status(line, len);
			if ((rc == 0) != (want >= 0) || (rc == 0 && h.status != want)) {
				FAIL("status line of %zu bytes: rc %d status %d, reference %d", len, rc, h.status,
					want);
			}
			if (rc != 0 && memcmp(&before, &h, sizeof(h)) != 0) {
				FAIL("a rejected status line changed the head");
			}
			if (rc == 0 && (h.length != -1 || h.chunked || h.interim != (h.status < 200))) {
				FAIL("status line did not reset the head");
			}
			in_headers = rc == 0;
		} else if (len == 0) {
			in_headers = 0; /* after a 1xx a new status line follows; otherwise the body */
		} else {
			tc_response_head before = h;
			tc_response_header(&h, line, len);
			const char *colon = memchr(line, ':', len);
			size_t nlen = colon ? (size_t)(colon - line) : 0;
			int cl = colon && nlen == 14 && strncasecmp(line, "Content-Length", 14) == 0;
			int te = colon && nlen == 17 && strncasecmp(line, "Transfer-Encoding", 17) == 0;
			if (!cl && h.length != before.length) {
				FAIL("a header other than Content-Length changed the length");
			}
			if (!te && h.chunked != before.chunked) {
				FAIL("a header other than Transfer-Encoding changed chunked");
			}
			if (h.status != before.status || strcmp(h.reason, before.reason) != 0) {
				FAIL("a header changed the status");
			}
			if (cl && h.length != ref_length(colon + 1)) {
				FAIL("Content-Length %lld read from \"%s\", reference %lld", h.length, line,
					ref_length(colon + 1));
			}
		}
		check_head(&h);
		free(line);
	}
	/* A formatted length reads back exactly. */
	if (size >= 8) {
		uint64_t n = 0;
		memcpy(&n, data, 8);
		n %= 1ULL << 50;
		char line[64];
		int len = snprintf(line, sizeof(line), "content-length:%s%llu", size & 1 ? " \t" : "",
			(unsigned long long)n);
		tc_response_header(&h, line, (size_t)len);
		if (h.length != (long long)n) {
			FAIL("\"%s\" read as %lld", line, h.length);
		}
	}
	return 0;
}
