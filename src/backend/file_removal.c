/* The FileBackend's removal steps, shared by remove, flushByTag(s) and collectGarbage: tag
 * markers, one entry examined (and maybe deleted) under its stripe lock, and the garbage
 * collection walk. An entry's file goes first, its markers only once it is gone, so an entry
 * that stays is still found by its tags; whatever stays is recorded in a tc_removals. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "file_removal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../tc_alloc.h"
#include "../tc_clock.h"
#include "../tc_fs.h"
#include "../tc_ident.h"
#include "../tc_map.h"
#include "file_format.h"

void tc_fb_marker_name(char *buf, tc_str tag, tc_str id)
{
	memcpy(buf, tag.ptr, tag.len);
	buf[tag.len] = '/';
	memcpy(buf + tag.len + 1, id.ptr, id.len);
	buf[tag.len + 1 + id.len] = '\0';
}

int tc_fb_del_marker(tc_fstore *s, tc_str tag, tc_str id)
{
	char name[TC_MARKER_NAME_MAX];
	tc_fb_marker_name(name, tag, id);
	return unlinkat(s->tagsfd, name, 0) == 0 || errno == ENOENT ? 0 : errno;
}

/* Records in rm that the marker tags/<tag>/<id> stayed (errnum). */
static void fb_marker_failed(tc_removals *rm, tc_str tag, tc_str id, int errnum)
{
	char what[TC_MARKER_NAME_MAX + 8];
	snprintf(what, sizeof(what), "tags/%.*s/%.*s", (int)tag.len, tag.ptr, (int)id.len, id.ptr);
	tc_removals_other_failed(rm, what, what, errnum);
}

/* Removes an opened entry, then its markers; caller holds the id's stripe lock. Returns 0, or
 * the errno when the entry stays: its markers stay too, so its tags still find it.
 * only (len > 0): a flush of that tag removes that marker alone; the markers of the entry's
 * other tags stay as orphans that readers see through (they confirm every marker against the
 * entry's header) and that the next flush of their tag, collectGarbage or flush remove, so a
 * flush costs the same whatever number of tags its entries carry (TECHNOTES "Removals"). */
static int fb_delete_entry(tc_fstore *s, tc_str id, const tc_entry_head *h, tc_str only)
{
	char entry[TC_ENTRY_NAME_MAX];
	tc_entry_name(entry, id);
	if (unlinkat(s->datafd, entry, 0) != 0 && errno != ENOENT) {
		return errno;
	}
	if (only.len) {
		tc_fb_del_marker(s, only, id);
		return 0;
	}
	size_t pos = 0;
	tc_str tag;
	while (tc_entry_next_tag(h, &pos, &tag)) {
		tc_fb_del_marker(s, tag, id);
	}
	return 0;
}

/* Records in rm that entry id stayed (errnum) under data/. */
static void fb_entry_failed(tc_removals *rm, tc_str id, int errnum)
{
	char path[TC_ENTRY_NAME_MAX + 8];
	snprintf(path, sizeof(path), "data/%.*s.php", (int)id.len, id.ptr);
	tc_removals_entry_failed(rm, id.ptr, id.len, path, errnum);
}

tc_status tc_fb_finish(const tc_fstore *s, const tc_removals *rm, tc_err *err)
{
	char where[TC_FS_DISPLAY_MAX];
	snprintf(where, sizeof(where), "cache in %s", s->dir);
	return tc_removals_finish(rm, where, err);
}

/* Outcome of examining one entry under its lock. */
typedef struct {
	int removed_live;
	int corrupt;
	char reason[160];
} fb_outcome;

/* Drops the marker tag/id that points at no entry carrying it. Only gc reports a marker that
 * stays: for the other removals an orphan is harmless (readers check the entry header). */
static void fb_drop_stale_marker(tc_fstore *s, tc_str tag, tc_str id, int mode,
                                 tc_removals *rm)
{
	int e = tag.len ? tc_fb_del_marker(s, tag, id) : 0;
	if (e && mode == TC_FB_DELETE_IF_EXPIRED) {
		fb_marker_failed(rm, tag, id, e);
	}
}

/* What could not be removed goes into rm; only running out of memory ends the walk. */
static tc_status fb_examine_locked(tc_fstore *s, tc_str id, int mode, tc_str tag,
                                   fb_outcome *out, tc_removals *rm, tc_err *err)
{
	char entry[TC_ENTRY_NAME_MAX];
	tc_entry_name(entry, id);
	tc_entry_file f;
	/* The header and the length check (no read to EOF); the descriptor goes before any unlink. */
	tc_status st = tc_entry_open_mode(&f, s->datafd, entry, s->data_dir,
	                                  TC_ENTRY_CHECK | (s->flock_mode ? TC_ENTRY_LOOP : 0), err);
	if (st == TC_OK) {
		close(f.fd);
		f.fd = -1;
	}
	if (st == TC_ERR_NOMEM) {
		return st;
	}
	if (st == TC_ERR_IO) {
		/* Unreadable, so whether it should go is unknown: it stays, and says so. */
		tc_removals_attempt(rm);
		tc_removals_entry_failed_msg(rm, id.ptr, id.len, err->msg);
		tc_err_clear(err);
		return TC_OK;
	}
	if (st == TC_ERR_CORRUPT) {
		/* Undecodable: its markers are unknown, only this one can go now; gc finds the rest. */
		out->corrupt = 1;
		memcpy(out->reason, f.reason, sizeof(out->reason));
		tc_removals_attempt(rm);
		if (unlinkat(s->datafd, entry, 0) != 0 && errno != ENOENT) {
			fb_entry_failed(rm, id, errno);
			return TC_OK;
		}
		fb_drop_stale_marker(s, tag, id, mode, rm);
		return TC_OK;
	}
	if (st == TC_MISS) {
		fb_drop_stale_marker(s, tag, id, mode, rm);
		return TC_OK;
	}
	int expired = tc_is_expired(f.head.expiry);
	int carries = tag.len == 0 || tc_entry_has_tag(&f.head, tag);
	int del = mode == TC_FB_DELETE_ALWAYS || (mode == TC_FB_DELETE_IF_TAGGED && carries) ||
	          (mode == TC_FB_DELETE_IF_EXPIRED && expired);
	if (del) {
		tc_removals_attempt(rm);
		int e = fb_delete_entry(s, id, &f.head,
		                        mode == TC_FB_DELETE_IF_TAGGED ? tag : (tc_str){NULL, 0});
		if (e) {
			fb_entry_failed(rm, id, e);
		} else {
			out->removed_live = !expired;
		}
	} else if (!carries) {
		fb_drop_stale_marker(s, tag, id, mode, rm);
	}
	tc_entry_close(&f);
	return TC_OK;
}

tc_status tc_fb_examine(tc_backend *base, tc_fstore *s, tc_str id, int mode, tc_str tag,
                        int *removed_live, tc_removals *rm, tc_err *err)
{
	fb_outcome out = {0};
	*removed_live = 0;
	unsigned stripe = tc_fstore_stripe(s, id);
	tc_status st = tc_fstore_lock(s, stripe, err);
	if (st != TC_OK) {
		if (st == TC_ERR_NOMEM) {
			return st;
		}
		tc_removals_attempt(rm);
		tc_removals_entry_failed_msg(rm, id.ptr, id.len, err->msg);
		tc_err_clear(err);
		return TC_OK;
	}
	st = fb_examine_locked(s, id, mode, tag, &out, rm, err);
	tc_fstore_unlock(s, stripe);
	if (out.corrupt) {
		tc_backend_report_corrupt(base, id, out.reason);
	}
	*removed_live = out.removed_live;
	return st;
}

/* Adds the names in directory fd that are identifiers to list; getdents64 straight on the
 * O_DIRECTORY descriptor (fdopendir would add an fstat and two fcntl). 0, ENOMEM, or the errno
 * of the failed read. */
static int fb_list_dir(int fd, tc_strlist *list)
{
	enum { BUF = 32768 };
	char *buf = tc_malloc(BUF);
	if (!buf) {
		return ENOMEM;
	}
	int e = 0;
	for (;;) {
		ssize_t n = getdents64(fd, buf, BUF);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			e = n < 0 ? errno : 0;
			break;
		}
		for (ssize_t off = 0; off < n;) {
			struct dirent64 *de = (struct dirent64 *)(buf + off);
			off += de->d_reclen;
			size_t len = strlen(de->d_name);
			if (!tc_ident_valid(de->d_name, len)) {
				continue; /* ".", ".." and anything that is not ours */
			}
			if (tc_strlist_add(list, de->d_name, len) != 0) {
				tc_free(buf);
				return ENOMEM;
			}
		}
	}
	tc_free(buf);
	return e;
}

tc_status tc_fb_read_markers(tc_fstore *s, tc_str tag, tc_strlist *list, tc_err *err)
{
	char dir[TC_IDENT_MAX + 1];
	memcpy(dir, tag.ptr, tag.len);
	dir[tag.len] = '\0';
	int fd = openat(s->tagsfd, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT) {
			return TC_MISS;
		}
		return tc_err_errno(err, TC_ERR_IO, errno, "cannot open directory %s/%s",
		                    s->tags_dir, dir);
	}
	int e = fb_list_dir(fd, list);
	close(fd);
	if (e == ENOMEM) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory listing tag %s", dir);
	}
	if (e == ENOENT) {
		/* Another process's flush removed the directory after we opened it (getdents then
		 * fails): only an empty one is removed, so the tag has no markers. */
		return list->count ? TC_OK : TC_MISS;
	}
	if (e) {
		return tc_err_errno(err, TC_ERR_IO, e, "cannot read directory %s/%s", s->tags_dir, dir);
	}
	return TC_OK;
}

int tc_fb_rmdir_tag(tc_fstore *s, tc_str tag)
{
	char dir[TC_IDENT_MAX + 1];
	memcpy(dir, tag.ptr, tag.len);
	dir[tag.len] = '\0';
	if (unlinkat(s->tagsfd, dir, AT_REMOVEDIR) == 0 || errno == ENOENT ||
	    errno == ENOTEMPTY || errno == EEXIST) {
		return 0;
	}
	return errno;
}

void tc_fb_tag_failed(tc_removals *rm, tc_str tag, tc_err *err)
{
	char what[TC_IDENT_MAX + 8];
	snprintf(what, sizeof(what), "tag %.*s", (int)tag.len, tag.ptr);
	tc_removals_other_failed_msg(rm, what, err->msg);
	tc_err_clear(err);
}

tc_status tc_fb_collect_garbage(tc_backend *base, tc_fstore *s, tc_err *err)
{
	tc_removals rm;
	tc_removals_init(&rm, "collectGarbage");
	tc_status st = tc_fstore_revalidate(s, err);
	if (st == TC_OK) {
		st = tc_fstore_gc_temp(s, &rm, err);
	}
	tc_strlist ids;
	tc_strlist_init(&ids);
	if (st == TC_OK) {
		st = tc_fstore_read_entries(s, &ids, err);
	}
	size_t pos = 0;
	tc_str id;
	tc_map kept; /* expired entries that stayed: reported once, not again through a marker */
	tc_map_init(&kept);
	while (st == TC_OK && tc_strlist_next(&ids, &pos, &id)) {
		int removed;
		size_t failed = rm.failed;
		st = tc_fb_examine(base, s, id, TC_FB_DELETE_IF_EXPIRED, (tc_str){NULL, 0}, &removed, &rm,
		                   err);
		int created;
		if (st == TC_OK && rm.failed > failed && !tc_map_upsert(&kept, id.ptr, id.len, &created)) {
			st = tc_err_set(err, TC_ERR_NOMEM, "out of memory collecting garbage in %s",
			                s->dir);
		}
	}

	/* Then the markers: each must point at a live entry that carries its tag. */
	tc_strlist tagdirs;
	tc_strlist_init(&tagdirs);
	if (st == TC_OK) {
		int fd = openat(s->tagsfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		int e = fd >= 0 ? fb_list_dir(fd, &tagdirs) : errno;
		if (fd >= 0) {
			close(fd);
		}
		if (e == ENOMEM) {
			st = tc_err_set(err, TC_ERR_NOMEM, "out of memory listing %s", s->tags_dir);
		} else if (e) {
			st = tc_err_errno(err, TC_ERR_IO, e, "cannot read directory %s", s->tags_dir);
		}
	}
	pos = 0;
	tc_str tag;
	while (st == TC_OK && tc_strlist_next(&tagdirs, &pos, &tag)) {
		ids.len = ids.count = 0;
		st = tc_fb_read_markers(s, tag, &ids, err);
		if (st == TC_MISS) {
			st = TC_OK;
			continue;
		}
		if (st == TC_ERR_IO) {
			tc_fb_tag_failed(&rm, tag, err);
			st = TC_OK;
			continue;
		}
		size_t ipos = 0;
		while (st == TC_OK && tc_strlist_next(&ids, &ipos, &id)) {
			int removed;
			if (kept.count && tc_map_find(&kept, id.ptr, id.len)) {
				continue;
			}
			st = tc_fb_examine(base, s, id, TC_FB_DELETE_IF_EXPIRED, tag, &removed, &rm, err);
		}
		int e = st == TC_OK ? tc_fb_rmdir_tag(s, tag) : 0;
		if (e) {
			char what[TC_IDENT_MAX + 8];
			snprintf(what, sizeof(what), "tags/%.*s", (int)tag.len, tag.ptr);
			tc_removals_other_failed(&rm, what, what, e);
		}
	}
	tc_strlist_free(&tagdirs);
	tc_strlist_free(&ids);
	tc_map_destroy(&kept, NULL);
	return st == TC_OK ? tc_fb_finish(s, &rm, err) : st;
}

tc_strlist *tc_fb_scan_begin(tc_fb_scan *scan, tc_strlist *local)
{
	tc_strlist_init(local);
	if (scan->busy) {
		return local;
	}
	scan->busy = 1;
	scan->list.len = scan->list.count = 0;
	return &scan->list;
}

void tc_fb_scan_end(tc_fb_scan *scan, tc_strlist *ids)
{
	if (ids != &scan->list) {
		tc_strlist_free(ids);
		return;
	}
	scan->busy = 0;
	if (scan->list.cap > 64 * 1024) {
		tc_strlist_free(&scan->list); /* a big list is not kept between calls */
	}
}

void tc_fb_scan_keep(tc_strlist *l, size_t *wpos, size_t *kept, tc_str item)
{
	char *dst = l->buf + *wpos;
	memmove(dst + sizeof(size_t), item.ptr, item.len + 1);
	memcpy(dst, &item.len, sizeof(size_t));
	*wpos += sizeof(size_t) + item.len + 1;
	(*kept)++;
}
