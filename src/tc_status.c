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
			snprintf(err->msg + n, sizeof(err->msg) - (size_t)n, ": %s", strerror(errnum));
		}
		err->code = code;
	}
	return code;
}
