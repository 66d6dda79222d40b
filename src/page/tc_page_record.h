/* The page cache's stored record: one response (status, headers, body, when it was stored and
 * until when it is fresh, its validators, the URL it answers) or a marker saying the page
 * varies by user. Versioned and decoded strictly: a record that is not exactly what the encoder
 * writes (short, long, an unknown version or flag, lengths past the end) is refused, so a
 * corrupt entry is a miss, never a response. */
#ifndef TC_PAGE_RECORD_H
#define TC_PAGE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "../tc_types.h"

#define TC_PAGE_RECORD_VERSION 1
#define TC_PAGE_MAX_HEADERS 512

/* The page renders per user: look up the user variant (a marker has no headers nor body). */
#define TC_PAGE_FLAG_USER_MARKER 1u
/* This record is a user variant (a session's or a visitor's). */
#define TC_PAGE_FLAG_USER_VARIANT 2u
#define TC_PAGE_FLAGS_KNOWN (TC_PAGE_FLAG_USER_MARKER | TC_PAGE_FLAG_USER_VARIANT)

typedef struct {
	unsigned flags;
	int status;
	int64_t created, expires; /* Unix seconds; expires 0 = no end */
	tc_str url, etag, last_modified;
	size_t nheaders;
	tc_str headers[TC_PAGE_MAX_HEADERS]; /* "Name: value" lines */
	tc_str body;
} tc_page_record;

/* Bytes tc_page_record_encode() writes; 0 when a field is too long for the format. */
size_t tc_page_record_size(const tc_page_record *r);
/* Writes exactly tc_page_record_size(r) bytes to out. */
void tc_page_record_encode(const tc_page_record *r, char *out);
/* Decodes buf into r (whose strings then point into buf). Returns 0, or -1 with *why set to a
 * short static reason. */
int tc_page_record_decode(const char *buf, size_t len, tc_page_record *r, const char **why);

#endif
