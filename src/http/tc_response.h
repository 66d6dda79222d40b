/* Parsing what a proxy answers: the status line and the header lines that matter to
 * tc_send.c, as pure functions over one line, so they can be tested and fuzzed without a
 * socket. tc_send.c splits the bytes into lines (CRLF or LF) and keeps the state. */
#ifndef TC_RESPONSE_H
#define TC_RESPONSE_H

#include <stddef.h>

typedef struct {
	int status;       /* 100..999 */
	int interim;      /* 1xx: a final answer follows */
	int chunked;      /* Transfer-Encoding: chunked */
	long long length; /* Content-Length, -1 when none or unreadable */
	char reason[160]; /* reason phrase, non-printable bytes replaced by '?' */
} tc_response_head;

/* "HTTP/1.1 200 OK" (line[len] must be '\0'): fills status, interim and reason, resets
 * chunked and length; 0, or -1 when the line is not a status line (head unchanged). */
int tc_response_status_line(tc_response_head *h, const char *line, size_t len);

/* One header line (line[len] must be '\0'): notes Content-Length and Transfer-Encoding,
 * ignores everything else, including lines without a colon. */
void tc_response_header(tc_response_head *h, const char *line, size_t len);

#endif
