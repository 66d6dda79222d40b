/* Removals that cannot remove everything: the tc_removals message (counts, the first few named,
 * bounded size) and the file backends' behaviour when unlink fails (an immutable data/
 * directory; skipped where the flag cannot be set, e.g. without CAP_LINUX_IMMUTABLE). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tu.h"
#include "../../src/tc_removals.h"

extern int tu_skipped;

static void test_removals_message(void)
{
	tc_removals r;
	tc_err err;
	tc_err_clear(&err);
	tc_removals_init(&r, "flushByTags");
	TU_EQ(tc_removals_finish(&r, "cache in /x", &err), TC_OK);
	for (int i = 0; i < 7; i++) {
		tc_removals_attempt(&r);
	}
	const char *ids[] = {"a", "b", "c", "d", "e"};
	for (int i = 0; i < 5; i++) {
		char path[32];
		snprintf(path, sizeof(path), "data/%s.php", ids[i]);
		tc_removals_entry_failed(&r, ids[i], 1, path, EROFS);
	}
	TU_EQ(tc_removals_finish(&r, "cache in /x", &err), TC_ERR_IO);
	TU_CHECK(strcmp(err.msg, "flushByTags could not remove 5 of 7 entries of cache in /x: "
	                         "a (data/a.php: Read-only file system), b (data/b.php: Read-only "
	                         "file system), c (data/c.php: Read-only file system), and 2 more") == 0);

	/* Only non-entries: no entry count. */
	tc_removals_init(&r, "collectGarbage");
	tc_removals_other_failed(&r, "tags/t/a", "tags/t/a", EPERM);
	TU_EQ(tc_removals_finish(&r, "cache in /x", &err), TC_ERR_IO);
	TU_CHECK(strcmp(err.msg, "collectGarbage could not remove everything of cache in /x: "
	                         "tags/t/a (tags/t/a: Operation not permitted)") == 0);

	/* Long names are cut, the message stays a C string within its buffer. */
	char longid[300];
	memset(longid, 'x', sizeof(longid) - 1);
	longid[sizeof(longid) - 1] = '\0';
	tc_removals_init(&r, "flush");
	for (int i = 0; i < 10; i++) {
		tc_removals_attempt(&r);
		tc_removals_entry_failed_msg(&r, longid, strlen(longid), longid);
	}
	TU_EQ(tc_removals_finish(&r, longid, &err), TC_ERR_IO);
	TU_CHECK(strncmp(err.msg, "flush could not remove 10 of 10 entries of ", 43) == 0);
	TU_CHECK(strlen(err.msg) < sizeof(err.msg));
}

/* chattr +i / -i; 0 on success. */
static int set_immutable(const char *path, int on)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		return -1;
	}
	int flags = 0;
	int rc = ioctl(fd, FS_IOC_GETFLAGS, &flags);
	if (rc == 0) {
		flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
		rc = ioctl(fd, FS_IOC_SETFLAGS, &flags);
	}
	close(fd);
	return rc;
}

static tc_backend *open_file(const char *dir, int simple)
{
	tc_file_options o = {0};
	o.directory = dir;
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	tc_status st = simple ? tc_simple_file_backend_new(&o, &b, &err)
	                      : tc_file_backend_new(&o, &b, &err);
	return st == TC_OK ? b : NULL;
}

static void test_file_unlink_fails(void)
{
	char *dir = tu_tempdir();
	tc_backend *b = open_file(dir, 0);
	TU_REQUIRE(b);
	char data[1024];
	snprintf(data, sizeof(data), "%s/data", dir);
	TU_EQ(tu_set(b, "p1", "1", "t u", 0), TC_OK);
	TU_EQ(tu_set(b, "p2", "2", "t", 0), TC_OK);
	TU_EQ(tu_set(b, "k", "k", "v", 0), TC_OK);
	if (set_immutable(data, 1) != 0) {
		printf("  (immutable flag not permitted here: failing-unlink checks skipped)\n");
		tc_backend_destroy(b);
		tu_rmtree(dir);
		return;
	}
	tc_err err;
	tc_err_clear(&err);
	size_t count = 99;
	tc_str tags[] = {{"t", 1}, {"u", 1}};
	TU_EQ(b->ops->flush_by_tags(b, tags, 2, &count, &err), TC_ERR_IO);
	TU_EQ(count, 0);
	/* p1 carries both tags: named once */
	TU_CHECK(strstr(err.msg, "flushByTags could not remove 2 of 2 entries of cache in ") != NULL);
	TU_CHECK(strstr(err.msg, "(data/p1.php: Operation not permitted)") != NULL);
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "p1 p2") == 0);
	tc_err_clear(&err);
	TU_EQ(b->ops->remove(b, (tc_str){"k", 1}, &err), TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "remove could not remove 1 of 1 entry") != NULL);
	tc_err_clear(&err);
	TU_EQ(b->ops->flush(b, &err), TC_ERR_IO);
	TU_CHECK(tu_get_is(b, "k", "k", 1));
	TU_EQ(tu_find(b, "u", &ids), TC_OK);
	TU_CHECK(strcmp(ids.text, "p1") == 0);

	TU_EQ(set_immutable(data, 0), 0);
	TU_EQ(tu_flush_tags(b, "t u"), 2);
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_EQ(ids.count, 0);
	tc_err_clear(&err);
	TU_EQ(b->ops->remove(b, (tc_str){"k", 1}, &err), TC_OK);
	tc_backend_destroy(b);

	/* SimpleFileBackend: flush names what stayed. */
	b = open_file(dir, 1);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "s", "s", "", 0), TC_OK);
	TU_EQ(set_immutable(data, 1), 0);
	tc_err_clear(&err);
	TU_EQ(b->ops->flush(b, &err), TC_ERR_IO);
	TU_CHECK(strstr(err.msg, "flush could not remove 1 of 1 entry") != NULL);
	TU_CHECK(tu_get_is(b, "s", "s", 1));
	TU_EQ(set_immutable(data, 0), 0);
	tc_err_clear(&err);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	tu_buf got;
	TU_EQ(tu_get(b, "s", &got), TC_MISS);
	tu_buf_free(&got);
	tc_backend_destroy(b);
	tu_rmtree(dir);
}

void tu_suite_removals(void)
{
	TU_RUN(test_removals_message);
	TU_RUN(test_file_unlink_fails);
}
