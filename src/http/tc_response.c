/* Status line and header parsing of proxy answers (see tc_response.h), moved out of
 * tc_send.c unchanged so the parsing can be fuzzed on plain bytes. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "tc_response.h"

#include <string.h>
#include <strings.h>

int tc_response_status_line(tc_response_head *h, const char *line, size_t len)
{
	const char *sp = memchr(line, ' ', len);
	if (len < 12 || memcmp(line, "HTTP/", 5) != 0 || !sp || (size_t)(sp - line) + 4 > len) {
		return -1;
	}
	const char *d = sp + 1, *end = line + len;
	for (int i = 0; i < 3; i++) {
		if (d[i] < '0' || d[i] > '9') {
			return -1;
		}
	}
	if (d + 3 < end && d[3] != ' ') {
		return -1;
	}
	h->status = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
	h->interim = h->status < 200;
	h->length = -1;
	h->chunked = 0;
	size_t o = 0;
	for (const char *r = d + 3 < end ? d + 4 : end; r < end && o + 1 < sizeof(h->reason); r++) {
		unsigned char c = (unsigned char)*r;
		h->reason[o++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	h->reason[o] = '\0';
	return 0;
}

static int rs_name_is(const char *line, size_t nlen, const char *name)
{
	return nlen == strlen(name) && strncasecmp(line, name, nlen) == 0;
}

void tc_response_header(tc_response_head *h, const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);
	if (!colon) {
		return;
	}
	size_t nlen = (size_t)(colon - line);
	const char *v = colon + 1;
	while (*v == ' ' || *v == '\t') {
		v++;
	}
	if (rs_name_is(line, nlen, "Content-Length")) {
		long long n = 0;
		const char *p = v;
		while (*p >= '0' && *p <= '9' && n < (1LL << 50)) {
			n = n * 10 + (*p++ - '0');
		}
		/* Unreadable: drain until the server closes, which it does after answering. */
		h->length = p > v && (*p == '\0' || *p == ' ' || *p == '\t') ? n : -1;
	} else if (rs_name_is(line, nlen, "Transfer-Encoding")) {
		h->chunked = strstr(v, "chunked") != NULL || strstr(v, "CHUNKED") != NULL;
	}
}
