/* VariableFrontend::get's read from a native backend, decoding a stored string as it lands.
 *
 * serialize() of a string is `s:<n>:"<n bytes>";`, stored behind the format marker 'p'. When a
 * backend tells the sink a payload's first bytes before it copies (tc_sink.alloc_seen:
 * SharedMemoryBackend, whose bytes are in memory already), and those bytes are that prefix,
 * the sink allocates the value's zend_string of n bytes (+ 2 for the closing `";`) and hands the
 * backend an address `pre` bytes before the string's characters: the prefix lands over the
 * header's hash and length fields, the n bytes where the value keeps them. Restoring those two
 * fields makes the value, with one copy from the backend and none to decode. Other payloads
 * (arrays, objects, signed or getOrCompute envelopes, backends without alloc_seen) arrive as a
 * plain buffer and are decoded as before. */
#include "backend.h"

/* The prefix may cover the header's hash and length, never its refcount and type. */
#define VALUE_MAX_PREFIX 16u
_Static_assert(offsetof(zend_string, val) - offsetof(zend_string, h) >= VALUE_MAX_PREFIX,
               "the prefix fits over h and len");

typedef struct {
	zend_string *s;
	size_t n;     /* the value's length when laid out around the prefix */
	unsigned pre; /* prefix bytes before ZSTR_VAL(s); 0: a plain payload buffer */
	char prefix[VALUE_MAX_PREFIX];
} value_sink;

static char *value_alloc(void *ud, size_t len)
{
	value_sink *v = ud;
	v->pre = 0;
	v->s = zend_string_alloc(len, 0);
	ZSTR_VAL(v->s)[len] = '\0';
	return ZSTR_VAL(v->s);
}

static char *value_alloc_seen(void *ud, size_t len, const char *head, size_t head_len)
{
	value_sink *v = ud;
	if (head_len < 6 || head[0] != 'p' || head[1] != 's' || head[2] != ':') {
		return value_alloc(ud, len);
	}
	size_t i = 3, n = 0;
	for (; i < head_len && i < 3 + 11 && head[i] >= '0' && head[i] <= '9'; i++) {
		n = n * 10 + (size_t)(head[i] - '0');
	}
	size_t digits = i - 3, pre = i + 2;
	if (digits == 0 || (digits > 1 && head[3] == '0') || i + 2 > head_len || head[i] != ':' ||
	    head[i + 1] != '"' || pre > VALUE_MAX_PREFIX || len != pre + n + 2) {
		return value_alloc(ud, len);
	}
	v->s = zend_string_alloc(n + 2, 0);
	v->n = n;
	v->pre = (unsigned)pre;
	memcpy(v->prefix, head, pre);
	return ZSTR_VAL(v->s) - pre;
}

tc_status tagcache_core_get_value(tc_backend *core, zend_string *id, zend_string **out, bool *is_value,
                                  tc_err *err)
{
	value_sink v = {0};
	tc_sink sink = {value_alloc, &v, value_alloc_seen};
	*out = NULL;
	*is_value = false;
	tc_status st;
	if (tagcache_memory_get(core, id, out, &st)) {
		return st; /* the stored string itself: shared, so it is decoded, never rewritten */
	}
	st = core->ops->get(core, tagcache_str_of(id), &sink, err);
	if (st != TC_OK) {
		if (v.s) {
			zend_string_efree(v.s); /* reads no clobbered field */
		}
		return st;
	}
	if (!v.pre) {
		*out = v.s;
		return st;
	}
	char *val = ZSTR_VAL(v.s);
	bool whole = memcmp(val - v.pre, v.prefix, v.pre) == 0 && val[v.n] == '"' && val[v.n + 1] == ';';
	if (!whole) {
		/* A backend wrote other bytes than it announced: hand over what it wrote, undecoded. */
		*out = zend_string_init(val - v.pre, v.pre + v.n + 2, 0);
		ZSTR_H(v.s) = 0;
		ZSTR_LEN(v.s) = v.n + 2;
		zend_string_efree(v.s);
		return st;
	}
	ZSTR_H(v.s) = 0;
	ZSTR_LEN(v.s) = v.n;
	val[v.n] = '\0';
	*out = v.s;
	*is_value = true;
	return st;
}
