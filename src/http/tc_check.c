/* The rules a value must follow before it becomes part of a request, and the messages that
 * name a value breaking one. Values come from user data: a CR or LF would let it end the
 * header and inject others, a NUL would cut it short on the proxy side. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <string.h>

#include "tc_http_int.h"

/* Output budget for the escaped value itself: long values are cut, the message stays short. */
#define TC_DESCRIBE_MAX 80

/* C-style escapes for the bytes that would make a message ambiguous or unreadable. */
static const char ck_from[] = "\r\n\t\"\\";
static const char ck_to[] = "rnt\"\\";

void tc_http_describe(tc_str v, char *buf, size_t size)
{
	size_t o = 0;
	if (size < 8) {
		if (size) {
			buf[0] = '\0';
		}
		return;
	}
	size_t limit = size - 6 < TC_DESCRIBE_MAX ? size - 6 : TC_DESCRIBE_MAX; /* room for "...\"\0 */
	buf[o++] = '"';
	size_t i = 0;
	for (; i < v.len; i++) {
		unsigned char c = (unsigned char)v.ptr[i];
		char tmp[5];
		const char *hit = c ? strchr(ck_from, c) : NULL;
		if (c == '\0' || hit) {
			tmp[0] = '\\';
			tmp[1] = c ? ck_to[hit - ck_from] : '0';
			tmp[2] = '\0';
		} else if (c >= 0x20 && c < 0x7f) {
			tmp[0] = (char)c;
			tmp[1] = '\0';
		} else {
			snprintf(tmp, sizeof(tmp), "\\x%02x", c);
		}
		size_t n = strlen(tmp);
		if (o + n > limit) {
			break;
		}
		memcpy(buf + o, tmp, n);
		o += n;
	}
	if (i < v.len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '"';
	buf[o] = '\0';
}

tc_status tc_http_check_value(tc_str v, const char *what, int allow_empty, tc_err *err)
{
	char shown[TC_DESCRIBE_MAX + 8];
	if (v.len == 0 && !allow_empty) {
		return tc_err_set(err, TC_ERR_ARG, "%s must not be empty", what);
	}
	for (size_t i = 0; i < v.len; i++) {
		const char *name = v.ptr[i] == '\r'   ? "a carriage return (CR)"
						   : v.ptr[i] == '\n' ? "a line feed (LF)"
						   : v.ptr[i] == '\0' ? "a NUL byte"
											  : NULL;
		if (name) {
			tc_http_describe(v, shown, sizeof(shown));
			return tc_err_set(err, TC_ERR_ARG,
				"%s %s contains %s at byte %zu: header values must not contain CR, LF or NUL", what,
				shown, name, i);
		}
	}
	return TC_OK;
}

int tc_http_is_token(tc_str s)
{
	if (s.len == 0) {
		return 0;
	}
	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum && (c == '\0' || !strchr("!#$%&'*+-.^_`|~", c))) {
			return 0;
		}
	}
	return 1;
}

tc_status tc_http_check_name(tc_str name, tc_err *err)
{
	if (tc_http_is_token(name)) {
		return TC_OK;
	}
	char shown[TC_DESCRIBE_MAX + 8];
	tc_http_describe(name, shown, sizeof(shown));
	return tc_err_set(err, TC_ERR_ARG,
		"header name %s is invalid: a header name is one or more letters, digits or "
		"!#$%%&'*+-.^_`|~ (an RFC 7230 token)",
		shown);
}

tc_status tc_http_check_tag(tc_str v, const char *what, tc_err *err)
{
	if (v.len == 0) {
		return tc_err_set(err, TC_ERR_ARG, "%s must not be empty", what);
	}
	for (size_t i = 0; i < v.len; i++) {
		unsigned char c = (unsigned char)v.ptr[i];
		const char *name = c == ','    ? "a comma"
						   : c == ' '  ? "a blank"
						   : c == '\t' ? "a tab"
						   : c == '\r' ? "a carriage return (CR)"
						   : c == '\n' ? "a line feed (LF)"
						   : c == '\v' ? "a vertical tab"
						   : c == '\f' ? "a form feed"
						   : c == '\0' ? "a NUL byte"
									   : NULL;
		if (name) {
			char shown[TC_DESCRIBE_MAX + 8];
			tc_http_describe(v, shown, sizeof(shown));
			return tc_err_set(err, TC_ERR_ARG,
				"%s %s contains %s at byte %zu: a tag may not contain commas, whitespace or NUL "
				"(commas separate tags in the tag header, blanks separate xkey keys, and Varnish "
				"splits a ban on whitespace)",
				what, shown, name, i);
		}
	}
	return TC_OK;
}
