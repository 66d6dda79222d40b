/* Status codes and the error context every src/ call writes into.
 * src/ never prints and keeps no global error state: a caller owns its tc_err. */
#ifndef TC_STATUS_H
#define TC_STATUS_H

#include <stddef.h>

typedef enum {
	TC_OK = 0,
	TC_MISS,            /* nothing stored under that identifier (not an error) */
	TC_ERR_ARG,         /* caller passed a value that breaks a rule */
	TC_ERR_IO,          /* the store failed: file system, network */
	TC_ERR_FROZEN,      /* write to a frozen cache */
	TC_ERR_CORRUPT,     /* stored bytes are not a valid entry (read paths turn this into a miss) */
	TC_ERR_NOMEM,
	TC_ERR_UNSUPPORTED, /* the backend cannot do this operation */
	TC_STALE            /* a ticketed write overtaken by a flush: nothing written (not an error) */
} tc_status;

typedef struct {
	tc_status code;
	char msg[512];
} tc_err;

void tc_err_clear(tc_err *err);
/* Sets code and a printf-style message; returns code so callers can `return tc_err_set(...)`. */
tc_status tc_err_set(tc_err *err, tc_status code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* errnum's description in buf (len bytes), returned; thread-safe where strerror need not be. */
const char *tc_strerror(int errnum, char *buf, size_t len);

/* Same, with strerror(errnum) appended as ": <reason>". */
tc_status tc_err_errno(tc_err *err, tc_status code, int errnum, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

#endif
