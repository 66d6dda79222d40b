/* A tiny test framework for the C unit tests of src/: checks record failures, TU_RUN counts
 * each test function as passed or failed. */
#ifndef TU_H
#define TU_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../src/tc_backend.h"

extern int tu_current_failed;
extern const char *tu_label; /* printed with failures: which backend a shared test ran on */

void tu_fail(const char *file, int line, const char *what);
void tu_run(const char *name, void (*fn)(void));

#define TU_RUN(fn) tu_run(#fn, fn)
#define TU_CHECK(cond)                                   \
	do {                                                 \
		if (!(cond)) {                                   \
			tu_fail(__FILE__, __LINE__, #cond);          \
		}                                                \
	} while (0)
/* Stops the current test when a precondition fails. */
#define TU_REQUIRE(cond)                                 \
	do {                                                 \
		if (!(cond)) {                                   \
			tu_fail(__FILE__, __LINE__, #cond);          \
			return;                                      \
		}                                                \
	} while (0)
#define TU_EQ(a, b) TU_CHECK((long long)(a) == (long long)(b))

/* Byte sink on malloc for get(). */
typedef struct {
	char *buf;
	size_t len;
	int calls;
} tu_buf;
tc_sink tu_sink(tu_buf *b);
void tu_buf_free(tu_buf *b);
/* get(id) into a fresh buffer; returns the status, payload in *out (caller frees). */
tc_status tu_get(tc_backend *b, const char *id, tu_buf *out);
/* get(id) compared with the expected payload. */
int tu_get_is(tc_backend *b, const char *id, const char *want, size_t wantlen);

tc_status tu_set(tc_backend *b, const char *id, const char *data, const char *tags,
                 int64_t lifetime);
tc_status tu_set_kind(tc_backend *b, const char *id, const char *data, size_t len,
                      const char *tags, int64_t lifetime, tc_kind kind);
/* flush_by_tags for a space-separated tag list; returns count or -1 on error. */
long tu_flush_tags(tc_backend *b, const char *tags);

/* Collected identifiers, sorted, joined with spaces. */
typedef struct {
	char text[8192];
	size_t count;
} tu_ids;
tc_status tu_find(tc_backend *b, const char *tag, tu_ids *ids);
tc_status tu_list(tc_backend *b, tu_ids *ids);

/* A controllable clock for expiry tests. */
extern int64_t tu_time;
void tu_fake_clock(int64_t start);
void tu_real_clock(void);

/* Flags of tu_suite_semantics_flags() (test_semantics.c). */
#define TU_SEM_STORE_CLOCK 1 /* the store keeps time (Redis): expiry checks use real time */

/* Corruption reports. */
typedef struct {
	int count;
	char last_id[256];
	char last_reason[256];
} tu_corrupt;
void tu_watch_corrupt(tc_backend *b, tu_corrupt *c);

char *tu_tempdir(void);          /* mkdtemp under /tmp; free with tu_rmtree */
void tu_rmtree(char *dir);       /* removes the tree and frees dir */
int tu_write_file(const char *path, const char *data, size_t len);
int tu_exists(const char *path);

#endif
