/* Entry identifier and tag rule shared by every frontend and backend:
 * /^[a-zA-Z0-9_%\-&]{1,250}$/. The character set is also what makes identifiers and tags
 * safe as file names, so the file backends rely on it. */
#ifndef TC_IDENT_H
#define TC_IDENT_H

#include <stddef.h>

#define TC_IDENT_MAX 250
#define TC_IDENT_RULE "/^[a-zA-Z0-9_%\\-&]{1,250}$/"

int tc_ident_valid(const char *s, size_t len);

#endif
