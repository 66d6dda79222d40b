/* Small value types shared by the core: a borrowed byte string and an output sink. */
#ifndef TC_TYPES_H
#define TC_TYPES_H

#include <stddef.h>
#include <stdint.h>

/* Borrowed bytes; never owns memory, not NUL-terminated unless said so. */
typedef struct {
	const char *ptr;
	size_t len;
} tc_str;

#define TC_STR_LIT(s) ((tc_str){(s), sizeof(s) - 1})

/* Where a read puts its bytes: the caller allocates `len` bytes and returns where to write
 * them, so ext/ can read straight into a zend_string with no intermediate copy.
 * Returning NULL aborts the read with TC_ERR_NOMEM. */
typedef struct {
	char *(*alloc)(void *ud, size_t len);
	void *ud;
	/* Optional (NULL: alloc is used): the same, told the payload's first head_len bytes
	 * (head_len = min(len, TC_SINK_HEAD)) as they will be written, so a caller that knows the
	 * format can lay its buffer out around them (ext/ decodes a serialized string in place).
	 * Backends that have the bytes before they allocate call it; the others call alloc. */
	char *(*alloc_seen)(void *ud, size_t len, const char *head, size_t head_len);
} tc_sink;
#define TC_SINK_HEAD 32u

/* Called once per identifier by listing operations; non-zero return stops the walk. */
typedef int (*tc_id_cb)(void *ud, const char *id, size_t len);

/* Entry kinds: PHP entries are stored so that the engine can include them. */
typedef enum { TC_KIND_DATA = 'D', TC_KIND_PHP = 'P' } tc_kind;

/* Lifetime argument: TC_LIFETIME_DEFAULT picks the backend's defaultLifetime, 0 = unlimited. */
#define TC_LIFETIME_DEFAULT ((int64_t)-1)

#endif
