/* Helpers of the tiny unit test framework. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "tu.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/tc_clock.h"

int tu_current_failed;
const char *tu_label = "";
int tu_passed;
int tu_failed;

void tu_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "  FAIL %s:%d: %s\n", file, line, what);
	tu_current_failed++;
}

void tu_run(const char *name, void (*fn)(void))
{
	tu_current_failed = 0;
	fn();
	tu_real_clock();
	if (tu_current_failed) {
		fprintf(stderr, "FAILED %s%s%s\n", tu_label, *tu_label ? ": " : "", name);
		tu_failed++;
	} else {
		tu_passed++;
	}
}

static char *tu_sink_alloc(void *ud, size_t len)
{
	tu_buf *b = ud;
	b->calls++;
	free(b->buf);
	b->buf = malloc(len ? len : 1);
	b->len = len;
	return b->buf;
}

tc_sink tu_sink(tu_buf *b)
{
	return (tc_sink){tu_sink_alloc, b, NULL};
}

void tu_buf_free(tu_buf *b)
{
	free(b->buf);
	memset(b, 0, sizeof(*b));
}

tc_status tu_get(tc_backend *b, const char *id, tu_buf *out)
{
	memset(out, 0, sizeof(*out));
	tc_sink sink = tu_sink(out);
	tc_err err;
	tc_err_clear(&err);
	tc_status st = b->ops->get(b, (tc_str){id, strlen(id)}, &sink, &err);
	if (st != TC_OK && st != TC_MISS) {
		fprintf(stderr, "  get %s: %s\n", id, err.msg);
	}
	if (st != TC_OK) {
		/* A miss may follow the sink's alloc (an entry found corrupt while read): drop it. */
		free(out->buf);
		out->buf = NULL;
		out->len = 0;
	}
	return st;
}

int tu_get_is(tc_backend *b, const char *id, const char *want, size_t wantlen)
{
	tu_buf out;
	tc_status st = tu_get(b, id, &out);
	int ok = st == TC_OK && out.len == wantlen && memcmp(out.buf, want, wantlen) == 0;
	tu_buf_free(&out);
	return ok;
}

static size_t tu_split(const char *tags, tc_str *out, size_t max)
{
	size_t n = 0;
	const char *p = tags;
	while (p && *p && n < max) {
		while (*p == ' ') {
			p++;
		}
		if (!*p) {
			break;
		}
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		out[n++] = (tc_str){p, len};
		p += len;
	}
	return n;
}

tc_status tu_set_kind(tc_backend *b, const char *id, const char *data, size_t len,
                      const char *tags, int64_t lifetime, tc_kind kind)
{
	tc_str t[64];
	size_t n = tu_split(tags, t, 64);
	tc_err err;
	tc_err_clear(&err);
	tc_status st = b->ops->set(b, (tc_str){id, strlen(id)}, (tc_str){data, len}, t, n, lifetime,
	                           kind, &err);
	if (st != TC_OK) {
		fprintf(stderr, "  set %s: %s\n", id, err.msg);
	}
	return st;
}

tc_status tu_set(tc_backend *b, const char *id, const char *data, const char *tags,
                 int64_t lifetime)
{
	return tu_set_kind(b, id, data, strlen(data), tags, lifetime, TC_KIND_DATA);
}

long tu_flush_tags(tc_backend *b, const char *tags)
{
	tc_str t[64];
	size_t n = tu_split(tags, t, 64);
	size_t count = 0;
	tc_err err;
	tc_err_clear(&err);
	tc_status st = b->ops->flush_by_tags(b, t, n, &count, &err);
	if (st != TC_OK) {
		fprintf(stderr, "  flush_by_tags %s: %s\n", tags, err.msg);
		return -1;
	}
	return (long)count;
}

typedef struct {
	char items[512][256];
	size_t n;
} tu_collect;

static int tu_collect_cb(void *ud, const char *id, size_t len)
{
	tu_collect *c = ud;
	if (c->n < 512 && len < 256) {
		memcpy(c->items[c->n], id, len);
		c->items[c->n][len] = '\0';
		c->n++;
	}
	return 0;
}

static int tu_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void tu_join(tu_collect *c, tu_ids *ids)
{
	qsort(c->items, c->n, sizeof(c->items[0]), tu_cmp);
	ids->text[0] = '\0';
	ids->count = c->n;
	for (size_t i = 0; i < c->n; i++) {
		if (i) {
			strncat(ids->text, " ", sizeof(ids->text) - strlen(ids->text) - 1);
		}
		strncat(ids->text, c->items[i], sizeof(ids->text) - strlen(ids->text) - 1);
	}
}

tc_status tu_find(tc_backend *b, const char *tag, tu_ids *ids)
{
	static tu_collect c;
	c.n = 0;
	tc_err err;
	tc_err_clear(&err);
	tc_status st = b->ops->find_ids_by_tag(b, (tc_str){tag, strlen(tag)}, tu_collect_cb, &c, &err);
	tu_join(&c, ids);
	return st;
}

tc_status tu_list(tc_backend *b, tu_ids *ids)
{
	static tu_collect c;
	c.n = 0;
	tc_err err;
	tc_err_clear(&err);
	tc_status st = b->ops->list_ids(b, tu_collect_cb, &c, &err);
	tu_join(&c, ids);
	return st;
}

int64_t tu_time;

static int64_t tu_clock(void)
{
	return tu_time;
}

void tu_fake_clock(int64_t start)
{
	tu_time = start;
	tc_set_clock(tu_clock);
}

void tu_real_clock(void)
{
	tc_set_clock(NULL);
}

static void tu_corrupt_cb(void *ud, tc_str id, const char *reason)
{
	tu_corrupt *c = ud;
	c->count++;
	snprintf(c->last_id, sizeof(c->last_id), "%.*s", (int)id.len, id.ptr);
	snprintf(c->last_reason, sizeof(c->last_reason), "%s", reason);
}

void tu_watch_corrupt(tc_backend *b, tu_corrupt *c)
{
	memset(c, 0, sizeof(*c));
	b->on_corrupt = tu_corrupt_cb;
	b->on_corrupt_ud = c;
}

char *tu_tempdir(void)
{
	/* $TMPDIR first: tests/run-all checks that the temporary folder it gives is empty afterwards. */
	const char *base = getenv("TMPDIR");
	size_t len = strlen(base && *base ? base : "/tmp") + sizeof("/tagcache-unit-XXXXXX");
	char *dir = malloc(len);
	if (!dir) {
		exit(2);
	}
	snprintf(dir, len, "%s/tagcache-unit-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
	return dir;
}

static int tu_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void tu_rmtree(char *dir)
{
	if (dir) {
		nftw(dir, tu_rm_one, 32, FTW_DEPTH | FTW_PHYS);
		free(dir);
	}
}

int tu_write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		return -1;
	}
	ssize_t w = write(fd, data, len);
	close(fd);
	return w == (ssize_t)len ? 0 : -1;
}

int tu_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}
