/* Error context helpers: format a message into the caller's tc_err. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "tc_status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void tc_err_clear(tc_err *err)
{
	if (err) {
		err->code = TC_OK;
		err->msg[0] = '\0';
	}
}

tc_status tc_err_set(tc_err *err, tc_status code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

/* strerror_r comes as XSI (returns int, fills buf) or GNU (returns the text, maybe not in buf),
 * depending on feature macros outside this file: the return type tells which one this is. */
static const char *tc_strerror_xsi(int rc, char *buf)
{
	return rc == 0 ? buf : "unknown error";
}
static const char *tc_strerror_gnu(char *text, char *buf)
{
	(void)buf;
	return text;
}

const char *tc_strerror(int errnum, char *buf, size_t len)
{
	buf[0] = '\0';
	return _Generic(strerror_r(errnum, buf, len), int: tc_strerror_xsi, default: tc_strerror_gnu)(
		strerror_r(errnum, buf, len), buf);
}

tc_status tc_err_errno(tc_err *err, tc_status code, int errnum, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
		if (n < 0) {
			n = 0;
		}
		if ((size_t)n < sizeof(err->msg)) {
			char why[128];
			snprintf(err->msg + n, sizeof(err->msg) - (size_t)n, ": %s",
				tc_strerror(errnum, why, sizeof(why)));
		}
		err->code = code;
	}
	return code;
}
