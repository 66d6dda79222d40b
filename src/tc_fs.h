/* File-system helpers for the file backends: directory creation and clearing. */
#ifndef TC_FS_H
#define TC_FS_H

#include <sys/stat.h>
#include <sys/types.h>

#include "tc_removals.h"
#include "tc_status.h"

/* mkdir -p: creates path and its missing parents with mode; an existing directory is fine. */
tc_status tc_fs_mkdir_p(const char *path, mode_t mode, tc_err *err);
/* Refuses a cache directory that someone else could swap or fill: the directory and its
 * parents (up to three levels, stopping at a sticky shared directory such as /tmp) must belong
 * to this process's user or root and must not be writable by group or others. */
tc_status tc_fs_check_trusted(const char *path, tc_err *err);
/* The rule above for one step of the walk, read off its stat: go on to the parent, stop here
 * (a link made by this user or root, or a sticky shared directory), or refuse. */
typedef enum { TC_FS_TRUST_NEXT, TC_FS_TRUST_STOP, TC_FS_TRUST_OWNER, TC_FS_TRUST_WRITABLE } tc_fs_trust;
tc_fs_trust tc_fs_trust_of(const struct stat *sb, uid_t me);

/* Opens (creating when missing) the directory name below dirfd; returns the fd or -1 with err
 * set. display is the path used in messages. */
int tc_fs_open_subdir(int dirfd, const char *name, mode_t mode, const char *display, tc_err *err);

/* Longest path shown in a message for something below a cache directory. */
#define TC_FS_DISPLAY_MAX 600

/* Removes what the directory name below dirfd holds, descending into sub-directories up to
 * depth levels (removing them once empty). A missing directory is not an error. Whatever cannot
 * be removed is recorded in rm, named by display (the directory's path as messages show it)
 * and the walk goes on. With entries, each file is an entry of the cache (<id>.php, named by
 * its id) and counts as attempted; otherwise failures are recorded as non-entries. */
void tc_fs_clear_dirat(int dirfd, const char *name, int depth, const char *display, int entries,
                       tc_removals *rm);

#endif
