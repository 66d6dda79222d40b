/* FileBackend: on-disk layout, corruption, garbage collection, freeze, isolation,
 * concurrency between processes. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tu.h"
#include "../../src/backend/file_format.h"

void tu_suite_semantics(tc_backend *(*open)(int64_t), void (*close)(tc_backend *));

static char *file_dir;

static tc_backend *file_open_dir(const char *dir, int64_t default_lifetime)
{
	tc_file_options o = {0};
	o.directory = dir;
	o.default_lifetime = default_lifetime;
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	if (tc_file_backend_new(&o, &b, &err) != TC_OK) {
		fprintf(stderr, "  file backend: %s\n", err.msg);
		return NULL;
	}
	return b;
}

static tc_backend *file_open(int64_t default_lifetime)
{
	file_dir = tu_tempdir();
	return file_open_dir(file_dir, default_lifetime);
}

static void file_close(tc_backend *b)
{
	tc_backend_destroy(b);
	tu_rmtree(file_dir);
	file_dir = NULL;
}

static char *path_of(const char *fmt, const char *a)
{
	static char buf[4][1024];
	static int n;
	char *p = buf[n++ % 4];
	snprintf(p, 1024, "%s/", file_dir);
	snprintf(p + strlen(p), 1024 - strlen(p), fmt, a);
	return p;
}

static size_t read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		return (size_t)-1;
	}
	ssize_t r = read(fd, buf, cap);
	close(fd);
	return r < 0 ? (size_t)-1 : (size_t)r;
}

static void file_layout_and_format(void)
{
	tu_fake_clock(1700000000);
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "d1", "payload", "t1 t2", 60), TC_OK);
	TU_EQ(tu_set_kind(b, "p1", "return 42;", 10, "t1", 0, TC_KIND_PHP), TC_OK);
	char buf[512];
	size_t n = read_file(path_of("data/%s.php", "d1"), buf, sizeof(buf));
	const char want_d[] = "<?php __halt_compiler(); tagcache1 D 1700000060 7 t1 t2\npayload";
	TU_EQ(n, sizeof(want_d) - 1);
	TU_CHECK(memcmp(buf, want_d, sizeof(want_d) - 1) == 0);
	n = read_file(path_of("data/%s.php", "p1"), buf, sizeof(buf));
	const char want_p[] = "<?php //tagcache1 P 0 10 t1\nreturn 42;";
	TU_EQ(n, sizeof(want_p) - 1);
	TU_CHECK(memcmp(buf, want_p, sizeof(want_p) - 1) == 0);
	TU_CHECK(tu_exists(path_of("tags/t1/%s", "d1")));
	TU_CHECK(tu_exists(path_of("tags/t2/%s", "d1")));
	TU_CHECK(tu_exists(path_of("tags/t1/%s", "p1")));
	/* Re-set with other tags moves the markers. */
	TU_EQ(tu_set(b, "d1", "x", "t2 t3", 0), TC_OK);
	TU_CHECK(!tu_exists(path_of("tags/t1/%s", "d1")));
	TU_CHECK(tu_exists(path_of("tags/t2/%s", "d1")));
	TU_CHECK(tu_exists(path_of("tags/t3/%s", "d1")));
	/* flush_by_tags removes the emptied tag directory. */
	TU_EQ(tu_flush_tags(b, "t3"), 1);
	TU_CHECK(!tu_exists(path_of("tags/%s", "t3")));
	/* The entry's other marker stays as an orphan that no reader returns (TECHNOTES
	 * "Removals"); the next flush of its tag or gc drops it. */
	TU_CHECK(tu_exists(path_of("tags/t2/%s", "d1")));
	tu_ids orphan_ids;
	TU_EQ(tu_find(b, "t2", &orphan_ids), TC_OK);
	TU_EQ(orphan_ids.count, 0);
	TU_EQ(tu_flush_tags(b, "t2"), 0);
	TU_CHECK(!tu_exists(path_of("tags/%s", "t2")));
	/* Nothing left behind in tmp/. */
	TU_CHECK(tu_exists(path_of("%s", "tmp")));
	file_close(b);
}

static void file_php_path(void)
{
	tu_fake_clock(1700000000);
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	tc_err err;
	const char *path = NULL;
	TU_EQ(tu_set_kind(b, "code", "return 1;", 9, "", 10, TC_KIND_PHP), TC_OK);
	TU_EQ(tu_set(b, "data", "x", "", 0), TC_OK);
	TU_EQ(b->ops->php_path(b, TC_STR_LIT("code"), &path, &err), TC_OK);
	TU_REQUIRE(path);
	TU_CHECK(strcmp(path, path_of("data/%s.php", "code")) == 0);
	TU_EQ(b->ops->php_path(b, TC_STR_LIT("data"), &path, &err), TC_MISS);
	TU_EQ(b->ops->php_path(b, TC_STR_LIT("none"), &path, &err), TC_MISS);
	/* get returns the code of a PHP entry too, without the header line. */
	TU_CHECK(tu_get_is(b, "code", "return 1;", 9));
	tu_time += 11;
	TU_EQ(b->ops->php_path(b, TC_STR_LIT("code"), &path, &err), TC_MISS);
	file_close(b);
}

static void file_corrupt_entries(void)
{
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	tu_corrupt c;
	tu_watch_corrupt(b, &c);
	tc_err err;
	tu_buf out;

	TU_EQ(tu_write_file(path_of("data/%s.php", "junk"), "garbage", 7), 0);
	TU_EQ(tu_get(b, "junk", &out), TC_MISS);
	TU_EQ(out.calls, 0);
	TU_EQ(c.count, 1);
	TU_CHECK(strcmp(c.last_id, "junk") == 0);
	TU_EQ(b->ops->has(b, TC_STR_LIT("junk"), &err), TC_MISS);
	TU_EQ(c.count, 2);

	/* Truncated: the payload is shorter than the header says. */
	TU_EQ(tu_set(b, "trunc", "0123456789", "t", 0), TC_OK);
	TU_EQ(truncate(path_of("data/%s.php", "trunc"), 50), 0);
	TU_EQ(tu_get(b, "trunc", &out), TC_MISS);
	TU_EQ(out.calls, 0);
	TU_CHECK(strstr(c.last_reason, "payload length") != NULL);
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_EQ(ids.count, 0);

	/* Longer than the header says, and a large truncated one. */
	TU_EQ(tu_write_file(path_of("data/%s.php", "long"),
	                    "<?php __halt_compiler(); tagcache1 D 0 2\nabc", 44), 0);
	TU_EQ(tu_get(b, "long", &out), TC_MISS);
	char *big = calloc(1, 10000);
	memcpy(big, "<?php __halt_compiler(); tagcache1 D 0 20000\n", 45);
	TU_EQ(tu_write_file(path_of("data/%s.php", "big"), big, 10000), 0);
	TU_EQ(tu_get(b, "big", &out), TC_MISS);
	free(big);

	/* Damaged header fields. */
	const char *bad[] = {
		"<?php __halt_compiler(); tagcache1 D x 1\na",
		"<?php __halt_compiler(); tagcache1 D 0 1 bad/tag\na",
		"<?php __halt_compiler(); tagcache1 D 0 1 \na",
		/* found by fuzz_entry: a blank after the last tag is an empty tag, not canonical */
		"<?php __halt_compiler(); tagcache1 D 0 1 t1 t2 \na",
		"<?php __halt_compiler(); tagcache1 D 0 1 t1  t2\na",
		"<?php __halt_compiler(); tagcache1 D 0  1\na",
		"<?php __halt_compiler(); tagcache1 X 0 1\na",
		"<?php //tagcache1 P 99999999999999999999 1\na",
		"<?php //tagcache1 P 0 1",
		"",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int before = c.count;
		TU_EQ(tu_write_file(path_of("data/%s.php", "bad"), bad[i], strlen(bad[i])), 0);
		TU_EQ(tu_get(b, "bad", &out), TC_MISS);
		TU_EQ(c.count, before + 1);
	}
	/* Corrupt entries are invisible to listings and can be overwritten. */
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(tu_set(b, "junk", "fine", "t", 0), TC_OK);
	TU_CHECK(tu_get_is(b, "junk", "fine", 4));
	/* remove deletes a corrupt entry but reports a miss. */
	TU_EQ(b->ops->remove(b, TC_STR_LIT("trunc"), &err), TC_MISS);
	TU_CHECK(!tu_exists(path_of("data/%s.php", "trunc")));
	tu_buf_free(&out);
	file_close(b);
}

/* A sink that counts what it was asked to allocate (a damaged length must not reach it). */
typedef struct {
	size_t asked;
	char buf[8192];
} count_sink;

static char *count_alloc(void *ud, size_t len)
{
	count_sink *cs = ud;
	cs->asked = len;
	return len <= sizeof(cs->buf) ? cs->buf : NULL;
}

/* Opens data/<name> of file_dir every way and reads it through a counting sink. */
static tc_status open_and_read(int dirfd, const char *name, int loop, count_sink *cs,
                               char *reason)
{
	tc_entry_file f;
	tc_err err;
	tc_err_clear(&err);
	tc_sink sink = {count_alloc, cs, NULL};
	int modes[] = {TC_ENTRY_CHECK, TC_ENTRY_HEAD, TC_ENTRY_READ};
	tc_status last = TC_OK;
	for (size_t m = 0; m < 3; m++) {
		tc_status st = tc_entry_open_mode(&f, dirfd, name, "d", modes[m] | loop, &err);
		if (st == TC_OK && modes[m] == TC_ENTRY_READ) {
			st = tc_entry_payload(&f, &sink, "d", &err);
		}
		if (st == TC_OK || st == TC_ERR_CORRUPT) {
			tc_entry_close(&f);
		}
		if (st == TC_ERR_CORRUPT) {
			snprintf(reason, 160, "%s", f.reason);
		}
		if (m && st != last && !(modes[m] == TC_ENTRY_HEAD && st == TC_OK)) {
			return TC_ERR_ARG; /* the modes disagree */
		}
		last = modes[m] == TC_ENTRY_HEAD ? last : st;
	}
	return last;
}

/* Damaged length fields of entries over the first read, special files where an entry belongs,
 * and the read-to-EOF mode of network file systems (TC_ENTRY_LOOP): corrupt, never an
 * allocation of the claimed length, never a write past the header buffer (ASAN). */
static void file_entry_damaged_lengths(void)
{
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	int dirfd = open(path_of("%s", "data"), O_RDONLY | O_DIRECTORY);
	TU_REQUIRE(dirfd >= 0);
	static char entry[6000];
	char reason[160];
	count_sink cs;
	const char *claims[] = {"400000000", "9000000000000000000", "18446744073709551614", "5001"};
	for (int loop = 0; loop <= TC_ENTRY_LOOP; loop += TC_ENTRY_LOOP) {
		for (size_t i = 0; i < sizeof(claims) / sizeof(claims[0]); i++) {
			int n = snprintf(entry, sizeof(entry), "<?php __halt_compiler(); tagcache1 D 0 %s\n",
			                 claims[i]);
			memset(entry + n, 'x', 5000);
			TU_EQ(tu_write_file(path_of("data/%s.php", "big"), entry, (size_t)n + 5000), 0);
			cs.asked = 0;
			reason[0] = '\0';
			TU_EQ(open_and_read(dirfd, "big.php", loop, &cs, reason), TC_ERR_CORRUPT);
			TU_EQ(cs.asked, 0);
			TU_CHECK(strstr(reason, "does not match the file size") != NULL);
		}
		/* Sound entries below, at and over the first read, both ways. */
		size_t sizes[] = {0, 4050, 4051, 5000};
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			int n = snprintf(entry, sizeof(entry), "<?php __halt_compiler(); tagcache1 D 0 %zu\n",
			                 sizes[i]);
			memset(entry + n, 'y', sizes[i]);
			TU_EQ(tu_write_file(path_of("data/%s.php", "ok"), entry, (size_t)n + sizes[i]), 0);
			cs.asked = 1;
			TU_EQ(open_and_read(dirfd, "ok.php", loop, &cs, reason), TC_OK);
			TU_EQ(cs.asked, sizes[i]);
			TU_CHECK(sizes[i] == 0 || cs.buf[sizes[i] - 1] == 'y');
		}
		/* A symbolic link (to /dev/zero: a first read of 4096 bytes, no header line, fstat
		 * size 0) is not followed. */
		unlink(path_of("data/%s.php", "z"));
		TU_EQ(symlink("/dev/zero", path_of("data/%s.php", "z")), 0);
		TU_EQ(open_and_read(dirfd, "z.php", loop, &cs, reason), TC_ERR_CORRUPT);
		TU_CHECK(strstr(reason, "symbolic link") != NULL);
	}
	/* /dev/zero itself (a file whose size is under what one read returned): corrupt, not a
	 * 4096-byte copy into a heap buffer sized by fstat. */
	int devfd = open("/dev", O_RDONLY | O_DIRECTORY);
	TU_REQUIRE(devfd >= 0);
	TU_EQ(open_and_read(devfd, "zero", 0, &cs, reason), TC_ERR_CORRUPT);
	TU_CHECK(strstr(reason, "not a regular file") != NULL);
	close(devfd);
	close(dirfd);
	file_close(b);
}

static void file_many_tags_long_header(void)
{
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	char tags[64 * 202];
	tags[0] = '\0';
	for (int i = 0; i < 40; i++) {
		char t[202];
		memset(t, 'a' + (i % 26), 190);
		snprintf(t + 190, 12, "%d", i);
		strcat(tags, i ? " " : "");
		strcat(tags, t);
	}
	TU_EQ(tu_set(b, "wide", "payload", tags, 0), TC_OK);
	TU_CHECK(tu_get_is(b, "wide", "payload", 7));
	char first[202];
	memset(first, 'a', 190);
	snprintf(first + 190, 12, "%d", 0);
	tu_ids ids;
	TU_EQ(tu_find(b, first, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "wide") == 0);
	TU_EQ(tu_set(b, "wide", "p2", "", 0), TC_OK);
	TU_EQ(tu_find(b, first, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	file_close(b);
}

static void file_gc_orphans(void)
{
	tu_fake_clock(1700000000);
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	tu_corrupt c;
	tu_watch_corrupt(b, &c);
	tc_err err;
	TU_EQ(tu_set(b, "live", "1", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "dying", "1", "t d", 5), TC_OK);
	/* Orphans by hand: a marker for a missing entry, and one for an entry without that tag. */
	TU_EQ(mkdir(path_of("tags/%s", "orphan"), 0700), 0);
	TU_EQ(tu_write_file(path_of("tags/orphan/%s", "ghost"), "", 0), 0);
	TU_EQ(tu_write_file(path_of("tags/orphan/%s", "live"), "", 0), 0);
	TU_EQ(mkdir(path_of("tags/%s", "emptytag"), 0700), 0);
	TU_EQ(tu_write_file(path_of("data/%s.php", "broken"), "xx", 2), 0);
	TU_EQ(tu_write_file(path_of("tmp/%s", "123-4"), "partial", 7), 0);
	tu_ids ids;
	TU_EQ(tu_find(b, "orphan", &ids), TC_OK);
	TU_EQ(ids.count, 0);

	tu_time += 10;
	/* Temp files are judged by their real mtime: move the clock past the age limit. */
	tu_time = time(NULL) + 2 * 3600;
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	TU_CHECK(tu_exists(path_of("data/%s.php", "live")));
	TU_CHECK(tu_exists(path_of("tags/t/%s", "live")));
	TU_CHECK(!tu_exists(path_of("data/%s.php", "dying")));
	TU_CHECK(!tu_exists(path_of("tags/t/%s", "dying")));
	TU_CHECK(!tu_exists(path_of("tags/%s", "d")));
	TU_CHECK(!tu_exists(path_of("tags/%s", "orphan")));
	TU_CHECK(!tu_exists(path_of("tags/%s", "emptytag")));
	TU_CHECK(!tu_exists(path_of("data/%s.php", "broken")));
	TU_CHECK(!tu_exists(path_of("tmp/%s", "123-4")));
	TU_EQ(c.count, 1);
	TU_CHECK(strcmp(c.last_id, "broken") == 0);

	/* A fresh temp file (a writer at work) stays. */
	tu_real_clock();
	TU_EQ(tu_write_file(path_of("tmp/%s", "999-1"), "partial", 7), 0);
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	TU_CHECK(tu_exists(path_of("tmp/%s", "999-1")));
	file_close(b);
}

static void file_frozen(void)
{
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(b->ops->is_frozen(b), 0);
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	TU_EQ(b->ops->freeze(b, &err), TC_OK);
	TU_EQ(b->ops->is_frozen(b), 1);
	tc_err_clear(&err);
	TU_EQ(b->ops->set(b, TC_STR_LIT("b"), TC_STR_LIT("1"), NULL, 0, 0, TC_KIND_DATA, &err),
	      TC_ERR_FROZEN);
	TU_CHECK(strstr(err.msg, file_dir) != NULL);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_ERR_FROZEN);
	size_t count = 99;
	tc_str t = TC_STR_LIT("t");
	TU_EQ(b->ops->flush_by_tags(b, &t, 1, &count, &err), TC_ERR_FROZEN);
	TU_CHECK(tu_get_is(b, "a", "1", 1));
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_OK);

	/* A second freeze is an error, as in Flow. */
	tc_err_clear(&err);
	TU_EQ(b->ops->freeze(b, &err), TC_ERR_FROZEN);
	TU_CHECK(strstr(err.msg, "already frozen") != NULL);

	/* The state lives in the directory: a new backend sees it. */
	tc_backend *b2 = file_open_dir(file_dir, 0);
	TU_REQUIRE(b2);
	TU_EQ(b2->ops->is_frozen(b2), 1);
	TU_EQ(b2->ops->freeze(b2, &err), TC_ERR_FROZEN);
	TU_CHECK(tu_get_is(b2, "a", "1", 1));
	/* flush thaws. */
	TU_EQ(b2->ops->flush(b2, &err), TC_OK);
	TU_EQ(b2->ops->is_frozen(b2), 0);
	TU_EQ(b2->ops->has(b2, TC_STR_LIT("a"), &err), TC_MISS);
	TU_EQ(tu_set(b2, "c", "1", "", 0), TC_OK);
	tc_backend_destroy(b2);
	tc_backend *b3 = file_open_dir(file_dir, 0);
	TU_REQUIRE(b3);
	TU_EQ(b3->ops->is_frozen(b3), 0);
	tc_backend_destroy(b3);
	file_close(b);
}

/* Entries of a frozen cache never expire: reads ignore expiry, gc removes nothing; after the
 * thaw expiry counts again. */
static void file_frozen_never_expires(void)
{
	tu_fake_clock(1700000000);
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(tu_set(b, "short", "1", "t", 10), TC_OK);
	TU_EQ(tu_set(b, "forever", "2", "t", 0), TC_OK);
	TU_EQ(b->ops->freeze(b, &err), TC_OK);
	tu_time += 3600;
	TU_CHECK(tu_get_is(b, "short", "1", 1));
	TU_EQ(b->ops->has(b, TC_STR_LIT("short"), &err), TC_OK);
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_EQ(ids.count, 2);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 2);
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	TU_CHECK(tu_exists(path_of("data/%s.php", "short")));
	/* Thawed by another backend object: the expired entry is a miss again. */
	tc_backend *b2 = file_open_dir(file_dir, 0);
	TU_REQUIRE(b2);
	TU_CHECK(tu_get_is(b2, "short", "1", 1));
	TU_EQ(unlink(path_of("%s", "frozen")), 0);
	TU_EQ(b->ops->has(b, TC_STR_LIT("short"), &err), TC_MISS);
	TU_CHECK(tu_get_is(b, "forever", "2", 1));
	tc_backend_destroy(b2);
	tu_real_clock();
	file_close(b);
}

/* A header a reader would not read back is refused before anything changes. */
static void file_header_limit(void)
{
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(tu_set(b, "e", "old", "keep", 0), TC_OK);
	size_t ntags = 4300;
	tc_str *tags = malloc(ntags * sizeof(*tags));
	char *bytes = malloc(ntags * 250);
	TU_REQUIRE(tags && bytes);
	for (size_t i = 0; i < ntags; i++) {
		char *t = bytes + i * 250;
		memset(t, 'x', 250);
		int n = snprintf(t, 250, "t%zu", i);
		t[n] = '-';
		tags[i] = (tc_str){t, 250};
	}
	tc_err_clear(&err);
	TU_EQ(b->ops->set(b, TC_STR_LIT("e"), TC_STR_LIT("new"), tags, ntags, 0, TC_KIND_DATA, &err),
	      TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "1048576") != NULL);
	TU_CHECK(tu_get_is(b, "e", "old", 3));
	char first[251];
	memcpy(first, tags[0].ptr, 250);
	first[250] = '\0';
	TU_CHECK(!tu_exists(path_of("tags/%s", first)));
	/* The check itself at the boundary. */
	size_t at = tc_entry_head_size(TC_KIND_DATA, 0, 3, tags, 1);
	TU_EQ(tc_entry_head_check(TC_STR_LIT("e"), TC_KIND_DATA, 0, 3, tags, 1, &err), TC_OK);
	size_t fit = 0;
	while (tc_entry_head_size(TC_KIND_DATA, 0, 3, tags, fit + 1) <= TC_ENTRY_HEAD_MAX) {
		fit++;
	}
	TU_CHECK(at < TC_ENTRY_HEAD_MAX);
	TU_EQ(tc_entry_head_check(TC_STR_LIT("e"), TC_KIND_DATA, 0, 3, tags, fit, &err), TC_OK);
	TU_EQ(tc_entry_head_check(TC_STR_LIT("e"), TC_KIND_DATA, 0, 3, tags, fit + 1, &err), TC_ERR_ARG);
	free(tags);
	free(bytes);
	file_close(b);
}

static void file_isolation_and_persistence(void)
{
	char *d1 = tu_tempdir();
	char *d2 = tu_tempdir();
	tc_backend *a = file_open_dir(d1, 0);
	tc_backend *b = file_open_dir(d2, 0);
	TU_REQUIRE(a && b);
	tc_err err;
	TU_EQ(tu_set(a, "same", "from-a", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "other", "from-b", "t", 0), TC_OK);
	TU_EQ(b->ops->has(b, TC_STR_LIT("same"), &err), TC_MISS);
	TU_EQ(a->ops->has(a, TC_STR_LIT("other"), &err), TC_MISS);
	TU_EQ(tu_flush_tags(b, "t"), 1);
	TU_CHECK(tu_get_is(a, "same", "from-a", 6));
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_CHECK(tu_get_is(a, "same", "from-a", 6));
	tc_backend_destroy(a);
	a = file_open_dir(d1, 0);
	TU_REQUIRE(a);
	TU_CHECK(tu_get_is(a, "same", "from-a", 6));
	tu_ids ids;
	TU_EQ(tu_find(a, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "same") == 0);
	tc_backend_destroy(a);
	tc_backend_destroy(b);
	tu_rmtree(d1);
	tu_rmtree(d2);
}

static void file_directory_errors(void)
{
	char *d = tu_tempdir();
	char path[1024];
	snprintf(path, sizeof(path), "%s/plainfile", d);
	TU_EQ(tu_write_file(path, "x", 1), 0);
	snprintf(path, sizeof(path), "%s/plainfile/sub/dir", d);
	tc_file_options o = {0};
	o.directory = path;
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	TU_EQ(tc_file_backend_new(&o, &b, &err), TC_ERR_IO);
	TU_CHECK(b == NULL);
	TU_CHECK(strstr(err.msg, "plainfile") != NULL);
	TU_CHECK(strstr(err.msg, strerror(ENOTDIR)) != NULL);
	o.directory = NULL;
	TU_EQ(tc_file_backend_new(&o, &b, &err), TC_ERR_ARG);
	/* Missing parents are created, mode 0700. */
	snprintf(path, sizeof(path), "%s/a/b/c", d);
	o.directory = path;
	TU_EQ(tc_file_backend_new(&o, &b, &err), TC_OK);
	struct stat st;
	TU_EQ(stat(path, &st), 0);
	TU_EQ(st.st_mode & 0777, 0700);
	tc_backend_destroy(b);
	tu_rmtree(d);
}

static void file_directory_removed_underneath(void)
{
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	char *saved = strdup(file_dir);
	tu_rmtree(file_dir);
	file_dir = saved;
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_MISS);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_EQ(tu_set(b, "a", "2", "t", 0), TC_OK);
	TU_CHECK(tu_get_is(b, "a", "2", 1));
	TU_CHECK(tu_exists(path_of("data/%s.php", "a")));
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a") == 0);
	file_close(b);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void file_flush_by_tag_cost(void)
{
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	tu_corrupt c;
	tu_watch_corrupt(b, &c);
	char id[32];
	for (int i = 0; i < 20000; i++) {
		snprintf(id, sizeof(id), "bulk%d", i);
		if (tu_set(b, id, "v", i % 2 ? "odd" : "even", 0) != TC_OK) {
			TU_CHECK(!"bulk set failed");
			break;
		}
	}
	/* Tripwires: any operation that reads every entry reports these as corrupt. */
	for (int i = 0; i < 1000; i++) {
		snprintf(id, sizeof(id), "data/trip%d.php", i);
		TU_EQ(tu_write_file(path_of("%s", id), "not an entry", 12), 0);
	}
	for (int i = 0; i < 10; i++) {
		snprintf(id, sizeof(id), "small%d", i);
		TU_EQ(tu_set(b, id, "v", "small", 0), TC_OK);
	}
	tu_ids ids;
	TU_EQ(tu_find(b, "small", &ids), TC_OK);
	TU_EQ(ids.count, 10);
	double t0 = now_ms();
	TU_EQ(tu_flush_tags(b, "small"), 10);
	double flush_ms = now_ms() - t0;
	TU_EQ(c.count, 0);
	/* Generous: 10 removals take well under a millisecond; reading 21k entries does not. */
	TU_CHECK(flush_ms < 250.0);
	TU_EQ(tu_find(b, "small", &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(c.count, 0);
	TU_CHECK(tu_get_is(b, "bulk123", "v", 1));
	file_close(b);
}

/* Payload that proves which key and which write it came from: "<id>|<pid>|<seq>|" then
 * filler derived from seq, then the total length. A torn or foreign read breaks it. */
static size_t fork_payload(char *buf, const char *id, long pid, long seq)
{
	int n = snprintf(buf, 256, "%s|%ld|%ld|", id, pid, seq);
	size_t fill = (size_t)(seq * 977 % 9000);
	for (size_t i = 0; i < fill; i++) {
		buf[n + i] = (char)('a' + (seq + (long)i) % 26);
	}
	n += (int)fill;
	n += snprintf(buf + n, 32, "|%d", n);
	return (size_t)n;
}

static int fork_check(const char *id, const char *p, size_t len)
{
	char head[300];
	size_t hl = len < sizeof(head) - 1 ? len : sizeof(head) - 1;
	memcpy(head, p, hl);
	head[hl] = '\0';
	char rid[64];
	long pid, seq;
	if (sscanf(head, "%63[^|]|%ld|%ld|", rid, &pid, &seq) != 3 || strcmp(rid, id) != 0) {
		return 0;
	}
	char want[10000];
	size_t wl = fork_payload(want, id, pid, seq);
	return wl == len && memcmp(want, p, len) == 0;
}

static int fork_worker(tc_backend *b, long me, double until)
{
	static const char *tagsets[] = {"ta tb", "tb tc", "tc", ""};
	char buf[10000];
	int bad = 0;
	long seq = 0;
	while (now_ms() < until) {
		char id[8];
		snprintf(id, sizeof(id), "k%ld", seq % 8);
		if (seq % 3 == 0) {
			size_t len = fork_payload(buf, id, me, seq);
			if (tu_set_kind(b, id, buf, len, tagsets[seq % 4], 0, TC_KIND_DATA) != TC_OK) {
				bad++;
			}
		} else if (seq % 29 == 0) {
			tc_err err;
			b->ops->remove(b, (tc_str){id, strlen(id)}, &err);
		} else {
			tu_buf out;
			tc_status st = tu_get(b, id, &out);
			if (st == TC_OK && !fork_check(id, out.buf, out.len)) {
				bad++;
			} else if (st != TC_OK && st != TC_MISS) {
				bad++;
			}
			tu_buf_free(&out);
		}
		seq++;
	}
	return bad;
}

static void file_two_processes(void)
{
	tc_backend *b = file_open(0);
	TU_REQUIRE(b);
	tu_corrupt c;
	tu_watch_corrupt(b, &c);
	double until = now_ms() + 1000.0;
	fflush(NULL);
	pid_t child = fork();
	TU_REQUIRE(child >= 0);
	if (child == 0) {
		/* The child keeps using the backend built before fork(): its lock stripes must
		 * still exclude the parent. */
		int bad = fork_worker(b, (long)getpid(), until) + c.count;
		_exit(bad ? 1 : 0);
	}
	int bad = fork_worker(b, (long)getpid(), until);
	int status = 0;
	TU_EQ(waitpid(child, &status, 0), child);
	TU_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	TU_EQ(bad, 0);
	TU_EQ(c.count, 0);
	/* Marker invariant: a marker exists exactly for the tags in each entry's header. */
	static const char *all[] = {"ta", "tb", "tc"};
	for (int k = 0; k < 8; k++) {
		char id[8], hdr[512];
		snprintf(id, sizeof(id), "k%d", k);
		size_t n = read_file(path_of("data/%s.php", id), hdr, sizeof(hdr) - 1);
		int present = n != (size_t)-1;
		if (present) {
			hdr[n] = '\0';
			char *nl = strchr(hdr, '\n');
			if (nl) {
				*nl = ' ';
				nl[1] = '\0';
			}
		}
		for (int t = 0; t < 3; t++) {
			char marker[64], word[8];
			snprintf(marker, sizeof(marker), "tags/%s/%s", all[t], id);
			snprintf(word, sizeof(word), " %s ", all[t]);
			int carries = present && strstr(hdr, word) != NULL;
			TU_EQ(tu_exists(path_of("%s", marker)), carries);
		}
	}
	file_close(b);
}

static void file_options(void)
{
	char *d = tu_tempdir();
	tc_file_options o = {0};
	o.directory = d;
	o.default_lifetime = -3;
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	TU_EQ(tc_file_backend_new(&o, &b, &err), TC_ERR_ARG);
	TU_CHECK(strstr(err.msg, "-3") != NULL);
	o.default_lifetime = 0;
	o.lock_stripes = 1;
	TU_EQ(tc_file_backend_new(&o, &b, &err), TC_OK);
	TU_REQUIRE(b);
	TU_CHECK(strcmp(b->ops->name, "file") == 0);
	TU_CHECK((b->ops->caps & (TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_PHP | TC_CAP_FREEZE |
	                          TC_CAP_ITER)) == (TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_PHP |
	                                            TC_CAP_FREEZE | TC_CAP_ITER));
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "b", "1", "t", 0), TC_OK);
	TU_EQ(tu_flush_tags(b, "t"), 2);
	tc_backend_destroy(b);
	tu_rmtree(d);
}

void tu_suite_file(void)
{
	tu_label = "file";
	tu_suite_semantics(file_open, file_close);
	TU_RUN(file_layout_and_format);
	TU_RUN(file_php_path);
	TU_RUN(file_corrupt_entries);
	TU_RUN(file_entry_damaged_lengths);
	TU_RUN(file_many_tags_long_header);
	TU_RUN(file_gc_orphans);
	TU_RUN(file_frozen);
	TU_RUN(file_frozen_never_expires);
	TU_RUN(file_header_limit);
	TU_RUN(file_isolation_and_persistence);
	TU_RUN(file_directory_errors);
	TU_RUN(file_directory_removed_underneath);
	TU_RUN(file_flush_by_tag_cost);
	TU_RUN(file_two_processes);
	TU_RUN(file_options);
	tu_label = "";
}
