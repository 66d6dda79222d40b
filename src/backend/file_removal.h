/* The FileBackend's removal steps (file_removal.c): tag markers, examining one entry under its
 * stripe lock, garbage collection. Failures are recorded in a tc_removals (tc_removals.h). */
#ifndef TC_FILE_REMOVAL_H
#define TC_FILE_REMOVAL_H

#include "../tc_backend.h"
#include "../tc_ident.h"
#include "../tc_removals.h"
#include "../tc_strlist.h"
#include "file_store.h"

/* "<tag>/<id>" plus NUL. */
#define TC_MARKER_NAME_MAX (2 * TC_IDENT_MAX + 2)

/* "<tag>/<id>" into buf (TC_MARKER_NAME_MAX bytes). */
void tc_fb_marker_name(char *buf, tc_str tag, tc_str id);
/* 0 when the marker tags/<tag>/<id> is gone, else the errno of the failure. A marker that
 * stays behind its removed entry is an orphan, which readers ignore and gc removes. */
int tc_fb_del_marker(tc_fstore *s, tc_str tag, tc_str id);
/* Reads the markers of tag into list (ids only). TC_MISS when the tag has no directory. */
tc_status tc_fb_read_markers(tc_fstore *s, tc_str tag, tc_strlist *list, tc_err *err);
/* The id list of a tag read (getByTag, findIdentifiersByTag). A corrupt entry is reported
 * while the list is held, and a user error handler may end the request there (bailout): a
 * list the backend owns is freed with the backend instead of leaking. begin hands out the
 * owned list (emptied), or local (initialised) to a read nested in such a handler; end gives
 * it back (freeing local). */
typedef struct {
	tc_strlist list;
	int busy;
} tc_fb_scan;
tc_strlist *tc_fb_scan_begin(tc_fb_scan *scan, tc_strlist *local);
void tc_fb_scan_end(tc_fb_scan *scan, tc_strlist *ids);
/* Keeps item (the one just iterated, inside l) as the next of the first *kept items: a list
 * filtered in place, so no second list is held while corrupt entries are reported. The
 * caller sets l->len = *wpos and l->count = *kept when done. */
void tc_fb_scan_keep(tc_strlist *l, size_t *wpos, size_t *kept, tc_str item);
/* 0, or the errno when the emptied tag directory stays. ENOTEMPTY is no failure: a writer
 * added a marker meanwhile (or a marker that stays is reported already). */
int tc_fb_rmdir_tag(tc_fstore *s, tc_str tag);
/* Records in rm that tag directory tags/<tag> could not be read (err's message; err cleared). */
void tc_fb_tag_failed(tc_removals *rm, tc_str tag, tc_err *err);

/* Which entries tc_fb_examine deletes. */
enum { TC_FB_DELETE_ALWAYS, TC_FB_DELETE_IF_TAGGED, TC_FB_DELETE_IF_EXPIRED };

/* Locks id's stripe and deletes the entry when mode says so for its header; tag (len 0 = none)
 * is a marker to drop when the entry does not carry it. *removed_live: a live entry went. What
 * stays goes into rm; only running out of memory is returned. Corruption is reported through
 * base after the lock is released (the callback may run PHP code that bails out). */
tc_status tc_fb_examine(tc_backend *base, tc_fstore *s, tc_str id, int mode, tc_str tag,
                        int *removed_live, tc_removals *rm, tc_err *err);
/* Expired entries, leftover temporary files and orphan markers (the cache is not frozen). */
tc_status tc_fb_collect_garbage(tc_backend *base, tc_fstore *s, tc_err *err);
/* The end of a removal: TC_OK, or TC_ERR_IO naming what stayed ("... of cache in <dir>"). */
tc_status tc_fb_finish(const tc_fstore *s, const tc_removals *rm, tc_err *err);

#endif
