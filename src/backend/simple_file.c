/* SimpleFileBackend: one file per entry in the FileBackend format, without tags, lifetimes or
 * freezing. Writes need no lock: each is one rename(). The operations it lacks return
 * TC_ERR_UNSUPPORTED (never NULL), so no caller can jump through a NULL pointer. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../tc_alloc.h"
#include "../tc_backend.h"
#include "../tc_fs.h"
#include "../tc_strlist.h"
#include "file_format.h"
#include "file_store.h"
#include "file_stripes.h"

typedef struct {
	tc_backend base;
	tc_fstore s;
	int read_mode; /* TC_ENTRY_CHECK, with TC_ENTRY_LOOP on a network file system */
} sf_backend;

static sf_backend *sf_of(tc_backend *b)
{
	return (sf_backend *)b;
}

static tc_status sf_set(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                        int64_t lifetime, tc_kind kind, tc_err *err)
{
	(void)tags, (void)ntags, (void)lifetime;
	if (kind != TC_KIND_DATA && kind != TC_KIND_PHP) {
		return tc_err_set(err, TC_ERR_ARG, "entry kind %d is neither data nor PHP", (int)kind);
	}
	return tc_fstore_write(&sf_of(b)->s, id, kind, 0, NULL, 0, data, err);
}

static tc_status sf_open(sf_backend *sb, tc_str id, tc_entry_file *f, tc_err *err)
{
	char entry[TC_ENTRY_NAME_MAX];
	tc_entry_name(entry, id);
	tc_status st = tc_entry_open_mode(f, sb->s.datafd, entry, sb->s.data_dir, sb->read_mode, err);
	if (st == TC_ERR_CORRUPT) {
		tc_backend_report_corrupt(&sb->base, id, f->reason);
		return TC_MISS;
	}
	return st;
}

static tc_status sf_get(tc_backend *b, tc_str id, const tc_sink *sink, tc_err *err)
{
	sf_backend *sb = sf_of(b);
	tc_entry_file f;
	tc_status st = sf_open(sb, id, &f, err);
	if (st != TC_OK) {
		return st;
	}
	st = tc_entry_payload(&f, sink, sb->s.data_dir, err);
	tc_entry_close(&f);
	return st;
}

static tc_status sf_has(tc_backend *b, tc_str id, tc_err *err)
{
	tc_entry_file f;
	tc_status st = sf_open(sf_of(b), id, &f, err);
	if (st == TC_OK) {
		tc_entry_close(&f);
	}
	return st;
}

/* The end of a removal: TC_OK, or TC_ERR_IO naming what stayed. */
static tc_status sf_finish(sf_backend *sb, const tc_removals *rm, tc_err *err)
{
	char where[TC_FS_DISPLAY_MAX];
	snprintf(where, sizeof(where), "cache in %s", sb->s.dir);
	return tc_removals_finish(rm, where, err);
}

static tc_status sf_remove(tc_backend *b, tc_str id, tc_err *err)
{
	sf_backend *sb = sf_of(b);
	char entry[TC_ENTRY_NAME_MAX];
	tc_entry_name(entry, id);
	tc_status st = tc_fstore_revalidate(&sb->s, err);
	if (st != TC_OK) {
		return st;
	}
	if (unlinkat(sb->s.datafd, entry, 0) == 0) {
		return TC_OK;
	}
	if (errno == ENOENT) {
		return TC_MISS;
	}
	tc_removals rm;
	tc_removals_init(&rm, "remove");
	tc_removals_attempt(&rm);
	char path[TC_ENTRY_NAME_MAX + 8];
	snprintf(path, sizeof(path), "data/%s", entry);
	tc_removals_entry_failed(&rm, id.ptr, id.len, path, errno);
	return sf_finish(sb, &rm, err);
}

static tc_status sf_flush(tc_backend *b, tc_err *err)
{
	sf_backend *sb = sf_of(b);
	tc_status st = tc_fstore_revalidate(&sb->s, err);
	if (st != TC_OK) {
		return st;
	}
	tc_removals rm;
	tc_removals_init(&rm, "flush");
	tc_fs_clear_dirat(sb->s.dirfd, "data", 0, "data", 1, &rm);
	return sf_finish(sb, &rm, err);
}

static tc_status sf_flush_by_tags(tc_backend *b, const tc_str *tags, size_t ntags, size_t *count,
                                  tc_err *err)
{
	(void)b, (void)tags, (void)ntags;
	*count = 0;
	return tc_err_set(err, TC_ERR_UNSUPPORTED, "the simple file backend does not support tags");
}

static tc_status sf_find_ids_by_tag(tc_backend *b, tc_str tag, tc_id_cb cb, void *ud,
                                    tc_err *err)
{
	(void)b, (void)tag, (void)cb, (void)ud;
	return tc_err_set(err, TC_ERR_UNSUPPORTED, "the simple file backend does not support tags");
}

static tc_status sf_collect_garbage(tc_backend *b, tc_err *err)
{
	/* Nothing expires; only leftovers of writers killed mid-write remain to clean. */
	sf_backend *sb = sf_of(b);
	tc_removals rm;
	tc_removals_init(&rm, "collectGarbage");
	tc_status st = tc_fstore_revalidate(&sb->s, err);
	if (st == TC_OK) {
		st = tc_fstore_gc_temp(&sb->s, &rm, err);
	}
	return st == TC_OK ? sf_finish(sb, &rm, err) : st;
}

static tc_status sf_freeze(tc_backend *b, tc_err *err)
{
	(void)b;
	return tc_err_set(err, TC_ERR_UNSUPPORTED, "the simple file backend cannot be frozen");
}

static int sf_is_frozen(tc_backend *b)
{
	(void)b;
	return 0;
}

static tc_status sf_list_ids(tc_backend *b, tc_id_cb cb, void *ud, tc_err *err)
{
	sf_backend *sb = sf_of(b);
	tc_strlist ids, live;
	tc_strlist_init(&ids);
	tc_strlist_init(&live);
	tc_status st = tc_fstore_read_entries(&sb->s, &ids, err);
	size_t pos = 0;
	tc_str id;
	while (st == TC_OK && tc_strlist_next(&ids, &pos, &id)) {
		tc_entry_file f;
		st = sf_open(sb, id, &f, err);
		if (st == TC_OK) {
			tc_entry_close(&f);
			if (tc_strlist_add(&live, id.ptr, id.len) != 0) {
				st = tc_err_set(err, TC_ERR_NOMEM, "out of memory listing %s", sb->s.data_dir);
			}
		} else if (st == TC_MISS) {
			st = TC_OK;
		}
	}
	if (st == TC_OK) {
		tc_strlist_each(&live, cb, ud);
	}
	tc_strlist_free(&ids);
	tc_strlist_free(&live);
	return st;
}

static tc_status sf_php_path(tc_backend *b, tc_str id, const char **path, tc_err *err)
{
	sf_backend *sb = sf_of(b);
	tc_entry_file f;
	tc_status st = sf_open(sb, id, &f, err);
	if (st != TC_OK) {
		return st;
	}
	tc_kind kind = f.head.kind;
	tc_entry_close(&f);
	if (kind != TC_KIND_PHP) {
		return TC_MISS;
	}
	return tc_fstore_entry_path(&sb->s, id, path, err);
}

static void sf_destroy(tc_backend *b)
{
	sf_backend *sb = sf_of(b);
	tc_fstore_close(&sb->s);
	tc_free(sb);
}

static const tc_backend_ops tc_simple_file_ops = {
	.name = "simple_file",
	.caps = TC_CAP_PHP | TC_CAP_ITER,
	.set = sf_set,
	.get = sf_get,
	.has = sf_has,
	.remove = sf_remove,
	.flush = sf_flush,
	.flush_by_tags = sf_flush_by_tags,
	.find_ids_by_tag = sf_find_ids_by_tag,
	.collect_garbage = sf_collect_garbage,
	.freeze = sf_freeze,
	.is_frozen = sf_is_frozen,
	.list_ids = sf_list_ids,
	.php_path = sf_php_path,
	.destroy = sf_destroy,
};

tc_status tc_simple_file_backend_new(const tc_file_options *opts, tc_backend **out, tc_err *err)
{
	*out = NULL;
	if (!opts || !opts->directory || !*opts->directory) {
		return tc_err_set(err, TC_ERR_ARG, "the simple file backend needs a cache directory");
	}
	sf_backend *sb = tc_calloc(1, sizeof(*sb));
	if (!sb) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a simple file backend");
	}
	tc_status st = tc_fstore_open(&sb->s, opts->directory, 0, 1, err);
	if (st != TC_OK) {
		tc_free(sb);
		return st;
	}
	/* A short read there may come before the end of the file: read on to EOF. */
	sb->read_mode = TC_ENTRY_CHECK | (tc_fstripes_network_fs(sb->s.dirfd) ? TC_ENTRY_LOOP : 0);
	sb->base.ops = &tc_simple_file_ops;
	*out = &sb->base;
	return TC_OK;
}
