/* FileBackend: one file per entry, tags as marker files, lifetimes, freeze, PHP entries.
 *
 * Layout and entry format: file_store.h and file_format.h. Invariant kept under the writer
 * lock stripe of an id: every live entry carrying tag T has the marker tags/T/<id>. Markers
 * may outlive their entry (a writer killed between steps); readers always confirm a marker
 * against the entry header, and collect_garbage removes the leftovers.
 *
 * Readers take no lock: entries are replaced by rename(), so a reader sees one whole version.
 * The corruption callback is never called while a lock is held, because it may run PHP code
 * that bails out. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tc_alloc.h"
#include "../tc_backend.h"
#include "../tc_clock.h"
#include "../tc_fs.h"
#include "../tc_ident.h"
#include "../tc_strlist.h"
#include "file_epoch.h"
#include "file_format.h"
#include "file_store.h"

#define TC_FILE_DEFAULT_STRIPES 64
/* "<tag>/<id>" plus NUL. */
#define TC_MARKER_NAME_MAX (2 * TC_IDENT_MAX + 2)

typedef struct {
	tc_backend base;
	tc_fstore s;
	tc_fepoch ep; /* write tickets: file_epoch.h */
	int64_t default_lifetime;
	int frozen;
} tc_file_backend;

static tc_file_backend *fb_of(tc_backend *b)
{
	return (tc_file_backend *)b;
}

static void fb_marker_name(char *buf, tc_str tag, tc_str id)
{
	memcpy(buf, tag.ptr, tag.len);
	buf[tag.len] = '/';
	memcpy(buf + tag.len + 1, id.ptr, id.len);
	buf[tag.len + 1 + id.len] = '\0';
}

static tc_status fb_frozen_error(tc_file_backend *fb, tc_err *err)
{
	return tc_err_set(err, TC_ERR_FROZEN,
	                  "cache in %s is frozen: writes and removals are refused until flush() thaws it",
	                  fb->s.dir);
}

/* Another process (or another backend object) may freeze or thaw the cache at any time: every
 * write asks the file system, one cheap syscall beside the write itself. */
static int fb_refresh_frozen(tc_file_backend *fb)
{
	fb->frozen = faccessat(fb->s.dirfd, "frozen", F_OK, 0) == 0;
	return fb->frozen;
}

static tc_status fb_add_marker(tc_file_backend *fb, tc_str tag, tc_str id, tc_err *err)
{
	char name[TC_MARKER_NAME_MAX];
	fb_marker_name(name, tag, id);
	/* A concurrent flush may remove the empty tag directory between our mkdir and mknod. */
	for (int attempt = 0; attempt < 8; attempt++) {
		if (mknodat(fb->s.tagsfd, name, S_IFREG | 0600, 0) == 0 || errno == EEXIST) {
			return TC_OK;
		}
		if (errno != ENOENT) {
			break;
		}
		char dir[TC_IDENT_MAX + 1];
		memcpy(dir, tag.ptr, tag.len);
		dir[tag.len] = '\0';
		if (mkdirat(fb->s.tagsfd, dir, 0700) != 0 && errno != EEXIST) {
			if (errno == ENOENT && attempt == 0) {
				/* tags/ itself is gone: the cache directory was removed under us. */
				tc_status st = tc_fstore_reopen(&fb->s, err);
				if (st != TC_OK) {
					return st;
				}
				continue;
			}
			return tc_err_errno(err, TC_ERR_IO, errno, "cannot create directory %s/%s",
			                    fb->s.tags_dir, dir);
		}
	}
	return tc_err_errno(err, TC_ERR_IO, errno, "cannot create tag marker %s/%s",
	                    fb->s.tags_dir, name);
}

static void fb_del_marker(tc_file_backend *fb, tc_str tag, tc_str id)
{
	char name[TC_MARKER_NAME_MAX];
	fb_marker_name(name, tag, id);
	/* A failure leaves an orphan marker, which readers ignore and gc removes. */
	unlinkat(fb->s.tagsfd, name, 0);
}

/* Removes an opened entry and all its markers; caller holds the id's stripe lock. */
static void fb_delete_entry(tc_file_backend *fb, tc_str id, const tc_entry_head *h)
{
	char entry[TC_ENTRY_NAME_MAX];
	tc_entry_name(entry, id);
	unlinkat(fb->s.datafd, entry, 0);
	size_t pos = 0;
	tc_str tag;
	while (tc_entry_next_tag(h, &pos, &tag)) {
		fb_del_marker(fb, tag, id);
	}
}

/* Copies tags without duplicates into *out (stack when it fits, else heap). */
static tc_status fb_unique_tags(const tc_str *tags, size_t ntags, tc_str *stack, size_t stack_n,
                                tc_str **out, size_t *nout, tc_err *err)
{
	tc_str *u = stack;
	if (ntags > stack_n) {
		u = tc_malloc(sizeof(tc_str) * ntags);
		if (!u) {
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory for %zu tags", ntags);
		}
	}
	size_t n = 0;
	for (size_t i = 0; i < ntags; i++) {
		if (!tc_str_in(u, n, tags[i])) {
			u[n++] = tags[i];
		}
	}
	*out = u;
	*nout = n;
	return TC_OK;
}

static tc_status fb_resolve_expiry(int64_t lifetime, int64_t default_lifetime, int64_t *expiry,
                                   tc_err *err)
{
	if (lifetime == TC_LIFETIME_DEFAULT) {
		lifetime = default_lifetime;
	}
	if (lifetime < 0) {
		return tc_err_set(err, TC_ERR_ARG, "lifetime %lld must be 0 (unlimited) or positive",
		                  (long long)lifetime);
	}
	*expiry = tc_expiry_for(lifetime);
	if (*expiry < 0) {
		return tc_err_set(err, TC_ERR_ARG, "lifetime %lld is too large", (long long)lifetime);
	}
	return TC_OK;
}

/* Write tickets: why a ticketed set never stores what a flush should have removed is argued
 * in file_epoch.h. Called under id's stripe lock, after the markers of tags were made. A
 * marker made for a write that is then dropped goes again (the old entry lacks that tag). */
static tc_status fb_check_locked(tc_file_backend *fb, uint64_t ticket, tc_str id,
                                 const tc_str *tags, size_t ntags, const tc_entry_head *old,
                                 tc_err *err)
{
	tc_status st = tc_fepoch_check(&fb->ep, &fb->s, ticket, id, tags, ntags, err);
	for (size_t i = 0; st == TC_STALE && i < ntags; i++) {
		if (!old || !tc_entry_has_tag(old, tags[i])) {
			fb_del_marker(fb, tags[i], id);
		}
	}
	return st;
}

/* A new epoch for names (ns 't' tags, 'i' ids; whole: the floor) before a removal. */
static tc_status fb_bump(tc_file_backend *fb, char ns, const tc_str *names, size_t n, int whole,
                         tc_err *err)
{
	return tc_fepoch_bump_synced(&fb->ep, &fb->s, ns, names, n, whole, err);
}

static tc_status fb_ticket(tc_backend *b, uint64_t *ticket, tc_err *err)
{
	return tc_fepoch_take(&fb_of(b)->ep, &fb_of(b)->s, ticket, err);
}

static tc_status fb_check_ticket(tc_backend *b, uint64_t ticket, tc_str id, const tc_str *tags,
                                 size_t ntags, tc_err *err)
{
	return tc_fepoch_check(&fb_of(b)->ep, &fb_of(b)->s, ticket, id, tags, ntags, err);
}

/* set and set_ticketed: ticket is NULL for a plain set. */
static tc_status fb_store(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                          int64_t lifetime, tc_kind kind, const uint64_t *ticket, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	if (fb_refresh_frozen(fb)) {
		return fb_frozen_error(fb, err);
	}
	if (kind != TC_KIND_DATA && kind != TC_KIND_PHP) {
		return tc_err_set(err, TC_ERR_ARG, "entry kind %d is neither data nor PHP", (int)kind);
	}
	int64_t expiry = 0;
	tc_status st = fb_resolve_expiry(lifetime, fb->default_lifetime, &expiry, err);
	if (st != TC_OK) {
		return st;
	}
	tc_str stack_tags[16];
	tc_str *utags = stack_tags;
	size_t nutags = 0;
	st = fb_unique_tags(tags, ntags, stack_tags, 16, &utags, &nutags, err);
	if (st != TC_OK) {
		return st;
	}
	/* Before any marker is added: a refused entry changes nothing. */
	st = tc_entry_head_check(id, kind, expiry, data.len, utags, nutags, err);
	if (st != TC_OK) {
		goto out;
	}
	unsigned stripe = tc_fstore_stripe(&fb->s, id);
	st = tc_fstore_lock(&fb->s, stripe, err);
	if (st != TC_OK) {
		goto out;
	}

	/* The old entry's header says which markers exist already. A corrupt old entry's markers
	 * are unknown: they stay as orphans for gc. */
	char entry[TC_ENTRY_NAME_MAX];
	tc_entry_name(entry, id);
	tc_entry_file old;
	tc_status ost = tc_entry_open(&old, fb->s.datafd, entry, fb->s.data_dir, err);
	if (ost == TC_ERR_IO || ost == TC_ERR_NOMEM) {
		st = ost;
		goto unlock;
	}
	int have_old = ost == TC_OK;
	if (have_old) {
		/* Only the header bytes are needed from here on. */
		close(old.fd);
		old.fd = -1;
	}

	for (size_t i = 0; i < nutags; i++) {
		if (have_old && tc_entry_has_tag(&old.head, utags[i])) {
			continue;
		}
		st = fb_add_marker(fb, utags[i], id, err);
		if (st != TC_OK) {
			goto close_old;
		}
	}
	if (ticket) {
		st = fb_check_locked(fb, *ticket, id, utags, nutags, have_old ? &old.head : NULL, err);
		if (st != TC_OK) {
			goto close_old;
		}
	}
	st = tc_fstore_write(&fb->s, id, kind, expiry, utags, nutags, data, err);
	if (st != TC_OK) {
		goto close_old;
	}
	if (have_old) {
		size_t pos = 0;
		tc_str tag;
		while (tc_entry_next_tag(&old.head, &pos, &tag)) {
			if (!tc_str_in(utags, nutags, tag)) {
				fb_del_marker(fb, tag, id);
			}
		}
	}
close_old:
	if (have_old) {
		tc_entry_close(&old);
	}
unlock:
	tc_fstore_unlock(&fb->s, stripe);
out:
	if (utags != stack_tags) {
		tc_free(utags);
	}
	return st;
}

static tc_status fb_set(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                        int64_t lifetime, tc_kind kind, tc_err *err)
{
	return fb_store(b, id, data, tags, ntags, lifetime, kind, NULL, err);
}

static tc_status fb_set_ticketed(tc_backend *b, tc_str id, tc_str data, const tc_str *tags,
                                 size_t ntags, int64_t lifetime, tc_kind kind, uint64_t ticket,
                                 tc_err *err)
{
	return fb_store(b, id, data, tags, ntags, lifetime, kind, &ticket, err);
}

/* Opens a live entry for reading. Corrupt entries are reported and read as a miss. */
static tc_status fb_open_live(tc_file_backend *fb, tc_str id, tc_entry_file *f, tc_err *err)
{
	char entry[TC_ENTRY_NAME_MAX];
	tc_entry_name(entry, id);
	tc_status st = tc_entry_open(f, fb->s.datafd, entry, fb->s.data_dir, err);
	if (st == TC_ERR_CORRUPT) {
		tc_backend_report_corrupt(&fb->base, id, f->reason);
		return TC_MISS;
	}
	/* Entries of a frozen cache never expire (Flow): the marker is checked only for an
	 * expired entry, so live reads cost nothing more. */
	if (st == TC_OK && tc_is_expired(f->head.expiry) && !fb_refresh_frozen(fb)) {
		tc_entry_close(f);
		return TC_MISS;
	}
	return st;
}

static tc_status fb_get(tc_backend *b, tc_str id, const tc_sink *sink, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	tc_entry_file f;
	tc_status st = fb_open_live(fb, id, &f, err);
	if (st != TC_OK) {
		return st;
	}
	st = tc_entry_payload(&f, sink, fb->s.data_dir, err);
	tc_entry_close(&f);
	return st;
}

static tc_status fb_has(tc_backend *b, tc_str id, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	tc_entry_file f;
	tc_status st = fb_open_live(fb, id, &f, err);
	if (st == TC_OK) {
		tc_entry_close(&f);
	}
	return st;
}

/* Outcome of examining one entry under its lock. */
typedef struct {
	int removed_live;
	int corrupt;
	char reason[160];
} fb_outcome;

/* With the stripe lock held: deletes entry id when `should_delete` says so for its header.
 * tag (len 0 = none) is a marker to drop when the entry does not carry it. */
enum { FB_DELETE_ALWAYS, FB_DELETE_IF_TAGGED, FB_DELETE_IF_EXPIRED };

static tc_status fb_examine_locked(tc_file_backend *fb, tc_str id, int mode, tc_str tag,
                                   fb_outcome *out, tc_err *err)
{
	char entry[TC_ENTRY_NAME_MAX];
	tc_entry_name(entry, id);
	tc_entry_file f;
	tc_status st = tc_entry_open(&f, fb->s.datafd, entry, fb->s.data_dir, err);
	if (st == TC_ERR_IO || st == TC_ERR_NOMEM) {
		return st;
	}
	if (st == TC_ERR_CORRUPT) {
		/* Unreadable: its markers are unknown, only this one can go now; gc finds the rest. */
		out->corrupt = 1;
		memcpy(out->reason, f.reason, sizeof(out->reason));
		unlinkat(fb->s.datafd, entry, 0);
		if (tag.len) {
			fb_del_marker(fb, tag, id);
		}
		return TC_OK;
	}
	if (st == TC_MISS) {
		if (tag.len) {
			fb_del_marker(fb, tag, id);
		}
		return TC_OK;
	}
	int expired = tc_is_expired(f.head.expiry);
	int carries = tag.len == 0 || tc_entry_has_tag(&f.head, tag);
	int del = mode == FB_DELETE_ALWAYS || (mode == FB_DELETE_IF_TAGGED && carries) ||
	          (mode == FB_DELETE_IF_EXPIRED && expired);
	if (del) {
		fb_delete_entry(fb, id, &f.head);
		out->removed_live = !expired;
	} else if (!carries) {
		fb_del_marker(fb, tag, id);
	}
	tc_entry_close(&f);
	return TC_OK;
}

/* Locks id's stripe, examines it, unlocks, then reports corruption (never under the lock). */
static tc_status fb_examine(tc_file_backend *fb, tc_str id, int mode, tc_str tag,
                            fb_outcome *out, tc_err *err)
{
	out->removed_live = 0;
	out->corrupt = 0;
	unsigned stripe = tc_fstore_stripe(&fb->s, id);
	tc_status st = tc_fstore_lock(&fb->s, stripe, err);
	if (st != TC_OK) {
		return st;
	}
	st = fb_examine_locked(fb, id, mode, tag, out, err);
	tc_fstore_unlock(&fb->s, stripe);
	if (out->corrupt) {
		tc_backend_report_corrupt(&fb->base, id, out->reason);
	}
	return st;
}

static tc_status fb_remove(tc_backend *b, tc_str id, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	if (fb_bump(fb, 'i', &id, 1, 0, err) != TC_OK) {
		return err->code;
	}
	if (fb_refresh_frozen(fb)) {
		return fb_frozen_error(fb, err);
	}
	fb_outcome out;
	tc_status st = fb_examine(fb, id, FB_DELETE_ALWAYS, (tc_str){NULL, 0}, &out, err);
	if (st != TC_OK) {
		return st;
	}
	return out.removed_live ? TC_OK : TC_MISS;
}

/* Reads the markers of tag into list (ids only). TC_MISS when the tag has no directory. */
static tc_status fb_read_markers(tc_file_backend *fb, tc_str tag, tc_strlist *list, tc_err *err)
{
	char dir[TC_IDENT_MAX + 1];
	memcpy(dir, tag.ptr, tag.len);
	dir[tag.len] = '\0';
	int fd = openat(fb->s.tagsfd, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT) {
			return TC_MISS;
		}
		return tc_err_errno(err, TC_ERR_IO, errno, "cannot open directory %s/%s",
		                    fb->s.tags_dir, dir);
	}
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		return tc_err_errno(err, TC_ERR_IO, e, "cannot read directory %s/%s", fb->s.tags_dir,
		                    dir);
	}
	tc_status st = TC_OK;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (!tc_ident_valid(de->d_name, len)) {
			continue; /* ".", ".." and anything that is not ours */
		}
		if (tc_strlist_add(list, de->d_name, len) != 0) {
			st = tc_err_set(err, TC_ERR_NOMEM, "out of memory listing tag %s", dir);
			break;
		}
	}
	closedir(d);
	return st;
}

static void fb_rmdir_tag(tc_file_backend *fb, tc_str tag)
{
	char dir[TC_IDENT_MAX + 1];
	memcpy(dir, tag.ptr, tag.len);
	dir[tag.len] = '\0';
	/* ENOTEMPTY: a writer added a marker meanwhile; the directory is still in use. */
	unlinkat(fb->s.tagsfd, dir, AT_REMOVEDIR);
}

static tc_status fb_flush_by_tags(tc_backend *b, const tc_str *tags, size_t ntags, size_t *count,
                                  tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	*count = 0;
	if (fb_bump(fb, 't', tags, ntags, 0, err) != TC_OK) {
		return err->code;
	}
	if (fb_refresh_frozen(fb)) {
		return fb_frozen_error(fb, err);
	}
	tc_status st = TC_OK;
	tc_strlist ids;
	tc_strlist_init(&ids);
	for (size_t t = 0; t < ntags && st == TC_OK; t++) {
		ids.len = ids.count = 0;
		st = fb_read_markers(fb, tags[t], &ids, err);
		if (st == TC_MISS) {
			st = TC_OK;
			continue;
		}
		size_t pos = 0;
		tc_str id;
		while (st == TC_OK && tc_strlist_next(&ids, &pos, &id)) {
			fb_outcome out;
			/* An entry found through an earlier tag is gone with all its markers by now,
			 * so overlapping tags count it once. */
			st = fb_examine(fb, id, FB_DELETE_IF_TAGGED, tags[t], &out, err);
			if (st == TC_OK && out.removed_live) {
				(*count)++;
			}
		}
		if (st == TC_OK) {
			fb_rmdir_tag(fb, tags[t]);
		}
	}
	tc_strlist_free(&ids);
	return st;
}

static int fb_is_live(tc_file_backend *fb, tc_str id, tc_str tag, tc_status *st, tc_err *err)
{
	tc_entry_file f;
	*st = fb_open_live(fb, id, &f, err);
	if (*st != TC_OK) {
		if (*st == TC_MISS) {
			*st = TC_OK;
		}
		return 0;
	}
	int ok = tag.len == 0 || tc_entry_has_tag(&f.head, tag);
	tc_entry_close(&f);
	return ok;
}

static tc_status fb_find_ids_by_tag(tc_backend *b, tc_str tag, tc_id_cb cb, void *ud,
                                    tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	tc_strlist ids, live;
	tc_strlist_init(&ids);
	tc_strlist_init(&live);
	tc_status st = fb_read_markers(fb, tag, &ids, err);
	if (st == TC_MISS) {
		st = TC_OK;
	}
	size_t pos = 0;
	tc_str id;
	while (st == TC_OK && tc_strlist_next(&ids, &pos, &id)) {
		if (fb_is_live(fb, id, tag, &st, err) && tc_strlist_add(&live, id.ptr, id.len) != 0) {
			st = tc_err_set(err, TC_ERR_NOMEM, "out of memory listing tag %.*s", (int)tag.len,
			                tag.ptr);
		}
	}
	if (st == TC_OK) {
		tc_strlist_each(&live, cb, ud);
	}
	tc_strlist_free(&ids);
	tc_strlist_free(&live);
	return st;
}

static tc_status fb_list_ids(tc_backend *b, tc_id_cb cb, void *ud, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	tc_strlist ids, live;
	tc_strlist_init(&ids);
	tc_strlist_init(&live);
	tc_status st = tc_fstore_read_entries(&fb->s, &ids, err);
	size_t pos = 0;
	tc_str id;
	while (st == TC_OK && tc_strlist_next(&ids, &pos, &id)) {
		if (fb_is_live(fb, id, (tc_str){NULL, 0}, &st, err) &&
		    tc_strlist_add(&live, id.ptr, id.len) != 0) {
			st = tc_err_set(err, TC_ERR_NOMEM, "out of memory listing %s", fb->s.data_dir);
		}
	}
	if (st == TC_OK) {
		tc_strlist_each(&live, cb, ud);
	}
	tc_strlist_free(&ids);
	tc_strlist_free(&live);
	return st;
}

static tc_status fb_flush(tc_backend *b, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	if (fb_bump(fb, 0, NULL, 0, 1, err) != TC_OK) {
		return err->code;
	}
	/* All stripes: no writer may add a marker between clearing data/ and tags/. */
	tc_status st = tc_fstore_lock_all(&fb->s, err);
	if (st != TC_OK) {
		return st;
	}
	st = tc_fs_clear_dirat(fb->s.dirfd, "data", 0, fb->s.data_dir, err);
	if (st == TC_OK) {
		st = tc_fs_clear_dirat(fb->s.dirfd, "tags", 1, fb->s.tags_dir, err);
	}
	if (st == TC_OK) {
		if (unlinkat(fb->s.dirfd, "frozen", 0) != 0 && errno != ENOENT) {
			st = tc_err_errno(err, TC_ERR_IO, errno, "cannot remove %s/frozen", fb->s.dir);
		} else {
			fb->frozen = 0;
		}
	}
	tc_fstore_unlock_all(&fb->s);
	return st;
}

static tc_status fb_collect_garbage(tc_backend *b, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	if (fb_refresh_frozen(fb)) {
		/* A frozen cache is read-only: its entries stay as they were frozen. */
		return TC_OK;
	}
	tc_status st = tc_fstore_gc_temp(&fb->s, err);
	tc_strlist ids;
	tc_strlist_init(&ids);
	if (st == TC_OK) {
		st = tc_fstore_read_entries(&fb->s, &ids, err);
	}
	size_t pos = 0;
	tc_str id;
	while (st == TC_OK && tc_strlist_next(&ids, &pos, &id)) {
		fb_outcome out;
		st = fb_examine(fb, id, FB_DELETE_IF_EXPIRED, (tc_str){NULL, 0}, &out, err);
	}

	/* Then the markers: each must point at a live entry that carries its tag. */
	tc_strlist tagdirs;
	tc_strlist_init(&tagdirs);
	if (st == TC_OK) {
		int fd = openat(fb->s.tagsfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
		if (!d) {
			int e = errno;
			if (fd >= 0) {
				close(fd);
			}
			st = tc_err_errno(err, TC_ERR_IO, e, "cannot read directory %s", fb->s.tags_dir);
		} else {
			struct dirent *de;
			while ((de = readdir(d)) != NULL) {
				size_t len = strlen(de->d_name);
				if (tc_ident_valid(de->d_name, len) &&
				    tc_strlist_add(&tagdirs, de->d_name, len) != 0) {
					st = tc_err_set(err, TC_ERR_NOMEM, "out of memory listing %s",
					                fb->s.tags_dir);
					break;
				}
			}
			closedir(d);
		}
	}
	pos = 0;
	tc_str tag;
	while (st == TC_OK && tc_strlist_next(&tagdirs, &pos, &tag)) {
		ids.len = ids.count = 0;
		st = fb_read_markers(fb, tag, &ids, err);
		if (st == TC_MISS) {
			st = TC_OK;
			continue;
		}
		size_t ipos = 0;
		while (st == TC_OK && tc_strlist_next(&ids, &ipos, &id)) {
			fb_outcome out;
			st = fb_examine(fb, id, FB_DELETE_IF_EXPIRED, tag, &out, err);
		}
		if (st == TC_OK) {
			fb_rmdir_tag(fb, tag);
		}
	}
	tc_strlist_free(&tagdirs);
	tc_strlist_free(&ids);
	return st;
}

static tc_status fb_freeze(tc_backend *b, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	/* O_EXCL: of two processes freezing at once exactly one succeeds; a second freeze is an
	 * error, as in Flow. */
	int fd = openat(fb->s.dirfd, "frozen", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST) {
		fb->frozen = 1;
		return tc_err_set(err, TC_ERR_FROZEN,
		                  "cache in %s is already frozen: flush() thaws it", fb->s.dir);
	}
	if (fd < 0) {
		return tc_err_errno(err, TC_ERR_IO, errno, "cannot create %s/frozen", fb->s.dir);
	}
	close(fd);
	fb->frozen = 1;
	return TC_OK;
}

static int fb_is_frozen(tc_backend *b)
{
	return fb_refresh_frozen(fb_of(b));
}

static tc_status fb_php_path(tc_backend *b, tc_str id, const char **path, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	tc_entry_file f;
	tc_status st = fb_open_live(fb, id, &f, err);
	if (st != TC_OK) {
		return st;
	}
	tc_kind kind = f.head.kind;
	tc_entry_close(&f);
	if (kind != TC_KIND_PHP) {
		return TC_MISS;
	}
	return tc_fstore_entry_path(&fb->s, id, path, err);
}

static void fb_destroy(tc_backend *b)
{
	tc_file_backend *fb = fb_of(b);
	tc_fepoch_close(&fb->ep);
	tc_fstore_close(&fb->s);
	tc_free(fb);
}

static const tc_backend_ops tc_file_ops = {
	.name = "file",
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_PHP | TC_CAP_FREEZE | TC_CAP_ITER |
	        TC_CAP_TICKET,
	.set = fb_set,
	.get = fb_get,
	.has = fb_has,
	.remove = fb_remove,
	.flush = fb_flush,
	.flush_by_tags = fb_flush_by_tags,
	.find_ids_by_tag = fb_find_ids_by_tag,
	.collect_garbage = fb_collect_garbage,
	.freeze = fb_freeze,
	.is_frozen = fb_is_frozen,
	.list_ids = fb_list_ids,
	.php_path = fb_php_path,
	.ticket = fb_ticket,
	.check_ticket = fb_check_ticket,
	.set_ticketed = fb_set_ticketed,
	.destroy = fb_destroy,
};

tc_status tc_file_backend_new(const tc_file_options *opts, tc_backend **out, tc_err *err)
{
	*out = NULL;
	if (!opts || !opts->directory || !*opts->directory) {
		return tc_err_set(err, TC_ERR_ARG, "the file backend needs a cache directory");
	}
	if (opts->default_lifetime < 0) {
		return tc_err_set(err, TC_ERR_ARG,
		                  "default lifetime %lld must be 0 (unlimited) or positive",
		                  (long long)opts->default_lifetime);
	}
	if (tc_expiry_for(opts->default_lifetime) < 0) {
		return tc_err_set(err, TC_ERR_ARG, "default lifetime %lld is too large",
		                  (long long)opts->default_lifetime);
	}
	tc_file_backend *fb = tc_calloc(1, sizeof(*fb));
	if (!fb) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a file backend");
	}
	unsigned stripes = opts->lock_stripes ? opts->lock_stripes : TC_FILE_DEFAULT_STRIPES;
	tc_status st = tc_fstore_open(&fb->s, opts->directory, 1, stripes, err);
	if (st != TC_OK) {
		tc_free(fb);
		return st;
	}
	tc_fepoch_init(&fb->ep);
	st = tc_fepoch_open(&fb->ep, fb->s.dirfd, fb->s.tmpfd, fb->s.dir, err);
	if (st != TC_OK) {
		tc_fstore_close(&fb->s);
		tc_free(fb);
		return st;
	}
	fb->base.ops = &tc_file_ops;
	fb->default_lifetime = opts->default_lifetime;
	fb->frozen = faccessat(fb->s.dirfd, "frozen", F_OK, 0) == 0;
	*out = &fb->base;
	return TC_OK;
}
