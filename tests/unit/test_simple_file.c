/* SimpleFileBackend: plain entries, tags and lifetimes ignored, PHP entries, iteration. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tu.h"

static char *sf_dir;

static tc_backend *sf_open(void)
{
	sf_dir = tu_tempdir();
	tc_file_options o = {0};
	o.directory = sf_dir;
	tc_backend *b = NULL;
	tc_err err;
	if (tc_simple_file_backend_new(&o, &b, &err) != TC_OK) {
		fprintf(stderr, "  simple file backend: %s\n", err.msg);
	}
	return b;
}

static void sf_close(tc_backend *b)
{
	tc_backend_destroy(b);
	tu_rmtree(sf_dir);
}

static void simple_basics(void)
{
	tu_fake_clock(1700000000);
	tc_backend *b = sf_open();
	TU_REQUIRE(b);
	tc_err err;
	TU_EQ(b->ops->caps & (TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_FREEZE), 0);
	TU_EQ(tu_set(b, "a", "hello", "t1 t2", 5), TC_OK);
	const char bin[] = "x\0y\n";
	TU_EQ(tu_set_kind(b, "bin", bin, sizeof(bin), "", 0, TC_KIND_DATA), TC_OK);
	TU_EQ(tu_set_kind(b, "empty", "", 0, "", 0, TC_KIND_DATA), TC_OK);
	TU_CHECK(tu_get_is(b, "a", "hello", 5));
	TU_CHECK(tu_get_is(b, "bin", bin, sizeof(bin)));
	TU_CHECK(tu_get_is(b, "empty", "", 0));
	/* Lifetimes are ignored: the entry outlives its lifetime. */
	tu_time += 100;
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_OK);
	tu_ids ids;
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "a bin empty") == 0);
	/* No tags stored: the header carries none. */
	char path[1024];
	snprintf(path, sizeof(path), "%s/data/a.php", sf_dir);
	TU_CHECK(!tu_exists(path) == 0);
	size_t count = 7;
	tc_str t = TC_STR_LIT("t1");
	TU_EQ(b->ops->flush_by_tags(b, &t, 1, &count, &err), TC_ERR_UNSUPPORTED);
	TU_EQ(count, 0);
	TU_EQ(b->ops->find_ids_by_tag(b, t, NULL, NULL, &err), TC_ERR_UNSUPPORTED);
	TU_EQ(b->ops->freeze(b, &err), TC_ERR_UNSUPPORTED);
	TU_EQ(b->ops->is_frozen(b), 0);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_OK);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_MISS);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	sf_close(b);
}

static void simple_php_and_corrupt(void)
{
	tc_backend *b = sf_open();
	TU_REQUIRE(b);
	tu_corrupt c;
	tu_watch_corrupt(b, &c);
	tc_err err;
	const char *path = NULL;
	TU_EQ(tu_set_kind(b, "code", "return 2;", 9, "", 0, TC_KIND_PHP), TC_OK);
	TU_EQ(b->ops->php_path(b, TC_STR_LIT("code"), &path, &err), TC_OK);
	TU_REQUIRE(path);
	char want[1024];
	snprintf(want, sizeof(want), "%s/data/code.php", sf_dir);
	TU_CHECK(strcmp(path, want) == 0);
	TU_EQ(tu_set(b, "data", "x", "", 0), TC_OK);
	TU_EQ(b->ops->php_path(b, TC_STR_LIT("data"), &path, &err), TC_MISS);
	snprintf(want, sizeof(want), "%s/data/bad.php", sf_dir);
	TU_EQ(tu_write_file(want, "<?php //tagcache1 P 0 99\nshort", 30), 0);
	tu_buf out;
	TU_EQ(tu_get(b, "bad", &out), TC_MISS);
	TU_EQ(c.count, 1);
	TU_CHECK(strcmp(c.last_id, "bad") == 0);
	tu_buf_free(&out);
	sf_close(b);
}

static void simple_gc_temp(void)
{
	tc_backend *b = sf_open();
	TU_REQUIRE(b);
	tc_err err;
	char path[1024];
	snprintf(path, sizeof(path), "%s/tmp/1-1", sf_dir);
	TU_EQ(tu_write_file(path, "x", 1), 0);
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	TU_CHECK(tu_exists(path));
	tu_fake_clock(time(NULL) + 7200);
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	TU_CHECK(!tu_exists(path));
	sf_close(b);
}

void tu_suite_simple_file(void)
{
	tu_label = "simple_file";
	TU_RUN(simple_basics);
	TU_RUN(simple_php_and_corrupt);
	TU_RUN(simple_gc_temp);
	tu_label = "";
}
