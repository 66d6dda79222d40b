/* FileBackend: one file per entry, tags as marker files, lifetimes, freeze, PHP entries.
 *
 * Layout and entry format: file_store.h and file_format.h; the removal steps (markers, one
 * entry examined under its lock, gc): file_removal.c. Invariant kept under the writer
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
#include "../tc_map.h"
#include "../tc_removals.h"
#include "../tc_strlist.h"
#include "file_epoch.h"
#include "file_format.h"
#include "file_lock.h"
#include "file_removal.h"
#include "file_store.h"
#include "file_stripes.h"

#define TC_FILE_DEFAULT_STRIPES 64

typedef struct {
	tc_backend base;
	tc_fstore s;
	tc_fepoch ep; /* write tickets: file_epoch.h */
	int64_t default_lifetime;
	int frozen;
	tc_fb_scan scan; /* ids of a tag read: file_removal.h */
} tc_file_backend;

static tc_file_backend *fb_of(tc_backend *b)
{
	return (tc_file_backend *)b;
}

static tc_status fb_frozen_error(tc_file_backend *fb, tc_err *err)
{
	return tc_err_set(err, TC_ERR_FROZEN,
	                  "cache in %s is frozen: writes and removals are refused until flush() thaws it",
	                  fb->s.dir);
}

/* Another process (or another backend object) may freeze or thaw the cache at any time: readers
 * and removals ask the `frozen` marker, the persistent truth. */
static int fb_refresh_frozen(tc_file_backend *fb)
{
	fb->frozen = faccessat(fb->s.dirfd, "frozen", F_OK, 0) == 0;
	return fb->frozen;
}

/* For set, under id's stripe: the frozen word of the mapped stripes file says it without a
 * system call (freeze and flush change it under every stripe). A set word is confirmed by the
 * marker (a frozen cache is the rare case), and cleared when the marker went some other way.
 * On a network file system (flock stripes, no word) the marker is asked. */
static int fb_frozen_for_write(tc_file_backend *fb)
{
	int w = tc_fstripes_frozen(&fb->s);
	if (w == 0) {
		return fb->frozen = 0;
	}
	if (!fb_refresh_frozen(fb) && w > 0) {
		tc_fstripes_set_frozen(&fb->s, 0);
	}
	return fb->frozen;
}

/* Under id's stripe. *gone when tags/ itself went (the tree was removed under us): the caller
 * releases the stripe, reopens and starts over, never writing on without its lock. */
static tc_status fb_add_marker(tc_file_backend *fb, tc_str tag, tc_str id, int *gone,
                               tc_err *err)
{
	char name[TC_MARKER_NAME_MAX];
	tc_fb_marker_name(name, tag, id);
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
			if (errno == ENOENT) {
				*gone = 1;
			}
			return tc_err_errno(err, TC_ERR_IO, errno, "cannot create directory %s/%s",
			                    fb->s.tags_dir, dir);
		}
	}
	return tc_err_errno(err, TC_ERR_IO, errno, "cannot create tag marker %s/%s",
	                    fb->s.tags_dir, name);
}

static int fb_del_marker(tc_file_backend *fb, tc_str tag, tc_str id)
{
	return tc_fb_del_marker(&fb->s, tag, id);
}

static tc_status fb_finish(tc_file_backend *fb, const tc_removals *rm, tc_err *err)
{
	return tc_fb_finish(&fb->s, rm, err);
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
	if (ntags) {
		memcpy(u, tags, ntags * sizeof(tc_str));
	}
	*out = u;
	*nout = tc_str_unique(u, ntags);
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
	tc_status st = tc_fepoch_check_locked(&fb->ep, ticket, id, tags, ntags, err);
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

/* One attempt of a set, under id's stripe. *gone: the tree was removed under us (ENOENT from a
 * marker, the temp file or the rename); nothing more is done in it. */
static tc_status fb_store_locked(tc_file_backend *fb, tc_str id, tc_str data, const tc_str *utags,
                                 size_t nutags, int64_t expiry, tc_kind kind,
                                 const uint64_t *ticket, int *gone, tc_err *err)
{
	/* Read under the stripe: a freeze takes every stripe to set the word, so no set that
	 * read it clear is still writing once freeze() returns. */
	if (fb_frozen_for_write(fb)) {
		return fb_frozen_error(fb, err);
	}
	/* The old entry's header says which markers exist already. A corrupt old entry's markers
	 * are unknown: they stay as orphans for gc. */
	char entry[TC_ENTRY_NAME_MAX];
	tc_entry_name(entry, id);
	tc_entry_file old;
	tc_status st = tc_entry_open_head(&old, fb->s.datafd, entry, fb->s.data_dir, err);
	if (st == TC_ERR_IO || st == TC_ERR_NOMEM) {
		return st;
	}
	/* Only the header is read, and the file is closed already. */
	int have_old = st == TC_OK;
	st = TC_OK;
	for (size_t i = 0; i < nutags && st == TC_OK; i++) {
		if (!have_old || !tc_entry_has_tag(&old.head, utags[i])) {
			st = fb_add_marker(fb, utags[i], id, gone, err);
		}
	}
	if (st == TC_OK && ticket) {
		st = fb_check_locked(fb, *ticket, id, utags, nutags, have_old ? &old.head : NULL, err);
	}
	if (st == TC_OK) {
		st = tc_fstore_write_in(&fb->s, id, kind, expiry, utags, nutags, data, gone, err);
	}
	if (st == TC_OK && have_old) {
		size_t pos = 0;
		tc_str tag;
		while (tc_entry_next_tag(&old.head, &pos, &tag)) {
			if (!tc_str_in(utags, nutags, tag)) {
				fb_del_marker(fb, tag, id);
			}
		}
	}
	if (have_old) {
		tc_entry_close(&old);
	}
	return st;
}

/* Attempts of a set that finds its tree removed each time before giving up. */
#define TC_FILE_SET_ATTEMPTS 5

/* set and set_ticketed: ticket is NULL for a plain set. No revalidation of the tree up front
 * (four fstat per set): a tree removed under us answers ENOENT to the marker, the temp file or
 * the rename, and the whole set starts over in the reopened tree. */
static tc_status fb_store(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                          int64_t lifetime, tc_kind kind, const uint64_t *ticket, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
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
	/* A ticketed write maps the epochs before locking; under the lock it only reads. */
	if (st == TC_OK && ticket) {
		st = tc_fepoch_sync(&fb->ep, &fb->s, err);
	}
	for (int attempt = 1; st == TC_OK; attempt++) {
		unsigned stripe = tc_fstore_stripe(&fb->s, id);
		st = tc_fstore_lock(&fb->s, stripe, err);
		if (st != TC_OK) {
			break;
		}
		/* A reopen while a ticketed write holds its stripe answers TC_STALE (tc_fstore_reopen). */
		fb->s.pinned = ticket != NULL;
		int gone = 0;
		st = fb_store_locked(fb, id, data, utags, nutags, expiry, kind, ticket, &gone, err);
		fb->s.pinned = 0;
		tc_fstore_unlock(&fb->s, stripe);
		if (!gone) {
			break;
		}
		/* Removed while we held the stripe: it excludes nobody in the new tree. */
		tc_err ignored;
		tc_err_clear(&ignored);
		if (ticket) {
			/* A ticketed write is dropped rather than redone: the removal may have been a
			 * flush its ticket predates (file_epoch.h). The next operation finds the new tree. */
			(void)tc_fstore_reopen(&fb->s, &ignored);
			st = tc_err_set(err, TC_STALE,
			                "cache directory %s was removed while a ticketed write was under way",
			                fb->s.dir);
			break;
		}
		if (attempt >= TC_FILE_SET_ATTEMPTS) {
			st = tc_err_set(err, TC_ERR_IO,
			                "cache directory %s was removed %d times while entry %.*s was being "
			                "written: not written",
			                fb->s.dir, attempt, (int)id.len, id.ptr);
			break;
		}
		st = tc_fstore_reopen(&fb->s, err);
	}
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

/* Closes an entry that will not be read, reporting it when its length is wrong. The report
 * comes after the close: a user error handler may end the request there (bailout). */
static void fb_close_verified(tc_file_backend *fb, tc_str id, tc_entry_file *f)
{
	int corrupt = tc_entry_verify(f) == TC_ERR_CORRUPT;
	tc_entry_close(f);
	if (corrupt) {
		tc_backend_report_corrupt(&fb->base, id, f->reason);
	}
}

/* Opens a live entry for reading (mode: TC_ENTRY_*, file_format.h). Corrupt entries are
 * reported and read as a miss. */
static tc_status fb_open_mode(tc_file_backend *fb, tc_str id, tc_entry_file *f, int mode,
                              tc_err *err)
{
	char entry[TC_ENTRY_NAME_MAX];
	tc_entry_name(entry, id);
	/* Network file systems may return short reads before the end (file_format.h). */
	mode |= fb->s.flock_mode ? TC_ENTRY_LOOP : 0;
	tc_status st = tc_entry_open_mode(f, fb->s.datafd, entry, fb->s.data_dir, mode, err);
	if (st == TC_ERR_CORRUPT) {
		tc_backend_report_corrupt(&fb->base, id, f->reason);
		return TC_MISS;
	}
	/* Entries of a frozen cache never expire (Flow): the marker is checked only for an
	 * expired entry, so live reads cost nothing more. */
	if (st == TC_OK && tc_is_expired(f->head.expiry) && !fb_refresh_frozen(fb)) {
		fb_close_verified(fb, id, f);
		return TC_MISS;
	}
	return st;
}

static tc_status fb_open_live(tc_file_backend *fb, tc_str id, tc_entry_file *f, tc_err *err)
{
	return fb_open_mode(fb, id, f, TC_ENTRY_CHECK, err);
}

/* The payload of an entry opened with TC_ENTRY_READ; a length found wrong while reading is
 * reported and reads as a miss. */
static tc_status fb_read_payload(tc_file_backend *fb, tc_str id, tc_entry_file *f,
                                 const tc_sink *sink, tc_err *err)
{
	tc_status st = tc_entry_payload(f, sink, fb->s.data_dir, err);
	tc_entry_close(f);
	if (st == TC_ERR_CORRUPT) {
		tc_backend_report_corrupt(&fb->base, id, f->reason);
		st = TC_MISS;
	}
	return st;
}

static tc_status fb_get(tc_backend *b, tc_str id, const tc_sink *sink, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	tc_entry_file f;
	tc_status st = fb_open_mode(fb, id, &f, TC_ENTRY_READ, err);
	if (st != TC_OK) {
		return st;
	}
	return fb_read_payload(fb, id, &f, sink, err);
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

static tc_status fb_remove(tc_backend *b, tc_str id, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	if (fb_bump(fb, 'i', &id, 1, 0, err) != TC_OK) {
		return err->code;
	}
	if (fb_refresh_frozen(fb)) {
		return fb_frozen_error(fb, err);
	}
	int removed = 0;
	tc_removals rm;
	tc_removals_init(&rm, "remove");
	tc_status st = tc_fstore_revalidate(&fb->s, err);
	if (st == TC_OK) {
		st = tc_fb_examine(&fb->base, &fb->s, id, TC_FB_DELETE_ALWAYS, (tc_str){NULL, 0}, &removed,
		                   &rm, err);
	}
	if (st == TC_OK) {
		st = fb_finish(fb, &rm, err);
	}
	if (st != TC_OK) {
		return st;
	}
	return removed ? TC_OK : TC_MISS;
}

static tc_status fb_read_markers(tc_file_backend *fb, tc_str tag, tc_strlist *list, tc_err *err)
{
	return tc_fb_read_markers(&fb->s, tag, list, err);
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
	tc_removals rm;
	tc_removals_init(&rm, ntags == 1 ? "flushByTag" : "flushByTags");
	tc_status st = tc_fstore_revalidate(&fb->s, err);
	tc_strlist ids;
	tc_strlist_init(&ids);
	tc_map kept; /* ids of entries that stayed */
	tc_map_init(&kept);
	for (size_t t = 0; t < ntags && st == TC_OK; t++) {
		ids.len = ids.count = 0;
		st = fb_read_markers(fb, tags[t], &ids, err);
		if (st == TC_MISS) {
			st = TC_OK;
			continue;
		}
		if (st == TC_ERR_IO) {
			/* Its entries stay findable; the other tags are flushed all the same. */
			tc_fb_tag_failed(&rm, tags[t], err);
			st = TC_OK;
			continue;
		}
		size_t pos = 0;
		tc_str id;
		while (st == TC_OK && tc_strlist_next(&ids, &pos, &id)) {
			int removed;
			/* An entry found through an earlier tag is gone by now (its marker here an
			 * orphan, dropped), so overlapping tags count it once. One that stayed keeps its markers: it is
			 * skipped under later tags, so it is reported once. */
			if (kept.count && tc_map_find(&kept, id.ptr, id.len)) {
				continue;
			}
			size_t failed = rm.failed;
			st = tc_fb_examine(&fb->base, &fb->s, id, TC_FB_DELETE_IF_TAGGED, tags[t], &removed,
			                   &rm, err);
			if (st == TC_OK && removed) {
				(*count)++;
			}
			int created;
			if (st == TC_OK && rm.failed > failed && t + 1 < ntags &&
			    !tc_map_upsert(&kept, id.ptr, id.len, &created)) {
				st = tc_err_set(err, TC_ERR_NOMEM, "out of memory flushing tag %.*s",
				                (int)tags[t].len, tags[t].ptr);
			}
		}
		if (st == TC_OK) {
			tc_fb_rmdir_tag(&fb->s, tags[t]);
		}
	}
	tc_strlist_free(&ids);
	tc_map_destroy(&kept, NULL);
	return st == TC_OK ? fb_finish(fb, &rm, err) : st;
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
	tc_strlist local;
	tc_strlist *ids = tc_fb_scan_begin(&fb->scan, &local);
	tc_status st = fb_read_markers(fb, tag, ids, err);
	if (st == TC_MISS) {
		st = TC_OK;
	}
	size_t pos = 0, wpos = 0, kept = 0;
	tc_str id;
	while (st == TC_OK && tc_strlist_next(ids, &pos, &id)) {
		if (fb_is_live(fb, id, tag, &st, err)) {
			tc_fb_scan_keep(ids, &wpos, &kept, id);
		}
	}
	if (st == TC_OK) {
		ids->len = wpos;
		ids->count = kept;
		tc_strlist_each(ids, cb, ud);
	}
	tc_fb_scan_end(&fb->scan, ids);
	return st;
}

/* getByTag reading each entry once: the header that confirms the marker comes with the first
 * read, the payload from the same descriptor (nothing more below 4 KiB). */
static tc_status fb_get_by_tag(tc_backend *b, tc_str tag, const tc_entry_visitor *v,
                               tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	tc_strlist local;
	tc_strlist *ids = tc_fb_scan_begin(&fb->scan, &local);
	tc_status st = fb_read_markers(fb, tag, ids, err);
	if (st == TC_MISS) {
		st = TC_OK;
	}
	size_t pos = 0;
	tc_str id;
	while (st == TC_OK && tc_strlist_next(ids, &pos, &id)) {
		tc_entry_file f;
		st = fb_open_mode(fb, id, &f, TC_ENTRY_READ, err);
		if (st != TC_OK) {
			st = st == TC_MISS ? TC_OK : st;
			continue;
		}
		if (!tc_entry_has_tag(&f.head, tag)) {
			/* A marker the entry no longer backs; its length is checked as find_ids would. */
			fb_close_verified(fb, id, &f);
			continue;
		}
		const tc_sink *sink = v->sink(v->ud, id);
		if (!sink) {
			tc_entry_close(&f);
			st = tc_err_set(err, TC_ERR_NOMEM, "out of memory reading tag %.*s", (int)tag.len,
			                tag.ptr);
			break;
		}
		st = fb_read_payload(fb, id, &f, sink, err);
		v->done(v->ud, id, st == TC_OK);
		st = st == TC_MISS ? TC_OK : st;
	}
	tc_fb_scan_end(&fb->scan, ids);
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
	tc_status st = tc_fstore_revalidate(&fb->s, err);
	if (st == TC_OK && fb_bump(fb, 0, NULL, 0, 1, err) != TC_OK) {
		st = err->code;
	}
	if (st != TC_OK) {
		return st;
	}
	/* All stripes: no writer may add a marker between clearing data/ and tags/. */
	st = tc_fstore_lock_all(&fb->s, err);
	if (st != TC_OK) {
		return st;
	}
	tc_removals rm;
	tc_removals_init(&rm, "flush");
	tc_fs_clear_dirat(fb->s.dirfd, "data", 0, "data", 1, &rm);
	/* Entries that stayed keep their markers, so flushByTag still finds them; the markers of
	 * the removed ones are harmless orphans until a complete flush or gc. */
	if (!tc_removals_any(&rm)) {
		tc_fs_clear_dirat(fb->s.dirfd, "tags", 1, "tags", 0, &rm);
	}
	if (unlinkat(fb->s.dirfd, "frozen", 0) != 0 && errno != ENOENT) {
		tc_removals_other_failed(&rm, "frozen", "frozen", errno);
	} else {
		fb->frozen = 0;
		tc_fstripes_set_frozen(&fb->s, 0);
	}
	tc_fstore_unlock_all(&fb->s);
	return fb_finish(fb, &rm, err);
}

static tc_status fb_collect_garbage(tc_backend *b, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	if (fb_refresh_frozen(fb)) {
		/* A frozen cache is read-only: its entries stay as they were frozen. */
		return TC_OK;
	}
	return tc_fb_collect_garbage(&fb->base, &fb->s, err);
}

static tc_status fb_freeze(tc_backend *b, tc_err *err)
{
	tc_file_backend *fb = fb_of(b);
	/* Every stripe first, in both modes: a set checks the word (or, in flock mode, the marker)
	 * under its stripe, so none that found the cache thawed is still writing once freeze()
	 * returns. Marker and word change together under them: a freeze killed in between hands
	 * the next locker EOWNERDEAD, which re-derives the word from the marker. */
	tc_status st = tc_fstore_lock_all(&fb->s, err);
	if (st != TC_OK) {
		return st;
	}
	/* O_EXCL: of two processes freezing at once exactly one succeeds; a second freeze is an
	 * error, as in Flow. */
	int fd = openat(fb->s.dirfd, "frozen", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int en = errno;
	if (fd >= 0 || en == EEXIST) {
		if (fd >= 0) {
			close(fd);
		}
		fb->frozen = 1;
		/* Also when the marker was there: a word left clear beside it is healed. */
		tc_fstripes_set_frozen(&fb->s, 1);
	}
	tc_fstore_unlock_all(&fb->s);
	if (fd >= 0) {
		return TC_OK;
	}
	if (en == EEXIST) {
		return tc_err_set(err, TC_ERR_FROZEN, "cache in %s is already frozen: flush() thaws it",
		                  fb->s.dir);
	}
	return tc_err_errno(err, TC_ERR_IO, en, "cannot create %s/frozen", fb->s.dir);
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
	/* The handles stay for the next backend of this directory in this process. */
	tc_fstore_detach(&fb->s, &fb->ep);
	tc_strlist_free(&fb->scan.list);
	tc_free(fb);
}

static tc_status fb_lock(tc_backend *b, tc_str id, unsigned timeout_ms, unsigned ttl_ms,
                         uint64_t *token, tc_err *err)
{
	(void)ttl_ms; /* flock dies with its holder: no expiry needed */
	return tc_flock_compute(&fb_of(b)->s, id, timeout_ms, token, err);
}

static tc_status fb_unlock(tc_backend *b, tc_str id, uint64_t token, tc_err *err)
{
	return tc_funlock_compute(&fb_of(b)->s, id, token, err);
}

static const tc_backend_ops tc_file_ops = {
	.name = "file",
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_PHP | TC_CAP_FREEZE | TC_CAP_ITER |
	        TC_CAP_TICKET | TC_CAP_LOCK,
	.set = fb_set,
	.get = fb_get,
	.has = fb_has,
	.remove = fb_remove,
	.flush = fb_flush,
	.flush_by_tags = fb_flush_by_tags,
	.find_ids_by_tag = fb_find_ids_by_tag,
	.get_by_tag = fb_get_by_tag,
	.collect_garbage = fb_collect_garbage,
	.freeze = fb_freeze,
	.is_frozen = fb_is_frozen,
	.list_ids = fb_list_ids,
	.php_path = fb_php_path,
	.ticket = fb_ticket,
	.check_ticket = fb_check_ticket,
	.set_ticketed = fb_set_ticketed,
	.lock = fb_lock,
	.unlock = fb_unlock,
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
	tc_fepoch_init(&fb->ep);
	tc_status st = tc_fstore_attach(&fb->s, opts->directory, 1, stripes, &fb->ep, err);
	if (st != TC_OK) {
		tc_free(fb);
		return st;
	}
	/* The epochs file is made now when it can be, so a cache that later fills its disk can
	 * still be flushed (a flush needs it, file_epoch.h). When it cannot (a read-only cache
	 * directory, a full disk) the cache can still be read: the first ticket, check or bump
	 * tries again and fails naming the file. */
	if (!fb->ep.words) {
		tc_err ignored;
		tc_err_clear(&ignored);
		(void)tc_fepoch_open(&fb->ep, fb->s.dirfd, fb->s.tmpfd, fb->s.dir, &ignored);
	}
	fb->base.ops = &tc_file_ops;
	fb->default_lifetime = opts->default_lifetime;
	/* No stripe is taken here: the word was set from the marker when the stripes file was
	 * made, and freeze, flush and a recovered dead holder keep the two together
	 * (file_stripes.h). */
	fb->frozen = faccessat(fb->s.dirfd, "frozen", F_OK, 0) == 0;
	*out = &fb->base;
	return TC_OK;
}
