/* Regex quoting of tags, location ids and hosts for ban expressions. Varnish matches bans
 * with PCRE; the tests compile the same text as POSIX ERE. A backslash before each of
 * \ ^ $ . | ? * + ( ) [ ] { } makes the byte literal in both. Other bytes need nothing:
 * neither dialect gives a backslash-free letter or punctuation mark a special meaning
 * outside brackets ('/' only delimits regexes in languages, not here). */
#include <string.h>

#include "tc_http_int.h"

static int rx_is_meta(unsigned char c)
{
	return c != '\0' && strchr("\\^$.|?*+()[]{}", c) != NULL;
}

size_t tc_regex_quoted_len(tc_str v)
{
	size_t n = v.len;
	for (size_t i = 0; i < v.len; i++) {
		n += rx_is_meta((unsigned char)v.ptr[i]);
	}
	return n;
}

char *tc_regex_quote_into(char *dst, tc_str v)
{
	for (size_t i = 0; i < v.len; i++) {
		if (rx_is_meta((unsigned char)v.ptr[i])) {
			*dst++ = '\\';
		}
		*dst++ = v.ptr[i];
	}
	return dst;
}
