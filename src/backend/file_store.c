/* Directory handles, writer lock stripes and atomic entry writes for the file backends. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "file_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../tc_alloc.h"
#include "../tc_clock.h"
#include "../tc_fs.h"
#include "../tc_ident.h"
#include "../tc_strlist.h"
#include "file_attach.h"
#include "file_epoch.h"
#include "file_format.h"
#include "file_stripes.h"

/* Makes temp names unique among threads of one process; the pid separates processes. */
static atomic_ulong tc_temp_counter;

static void tc_close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

static void tc_fstore_close_dirs(tc_fstore *s)
{
	s->dir_ino = 0;
	tc_close_fd(&s->dirfd);
	tc_close_fd(&s->datafd);
	tc_close_fd(&s->tagsfd);
	tc_close_fd(&s->tmpfd);
	tc_close_fd(&s->locksfd);
}

static char *tc_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = tc_malloc(la + 1 + lb + 1);
	if (p) {
		memcpy(p, a, la);
		p[la] = '/';
		memcpy(p + la + 1, b, lb + 1);
	}
	return p;
}

static tc_status tc_fstore_open_fds(tc_fstore *s, tc_err *err)
{
	tc_status st = tc_fs_mkdir_p(s->dir, 0700, err);
	if (st == TC_OK) {
		st = tc_fs_check_trusted(s->dir, err);
	}
	if (st != TC_OK) {
		return st;
	}
	s->dir_ino = 0; /* a directory parking will fstat */
	s->dirfd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->dirfd < 0) {
		return tc_err_errno(err, TC_ERR_IO, errno, "cannot open directory %s", s->dir);
	}
	if ((s->datafd = tc_fs_open_subdir(s->dirfd, "data", 0700, s->data_dir, err)) < 0) {
		goto fail;
	}
	if ((s->tmpfd = tc_fs_open_subdir(s->dirfd, "tmp", 0700, s->dir, err)) < 0) {
		goto fail;
	}
	if (s->tagged) {
		if ((s->tagsfd = tc_fs_open_subdir(s->dirfd, "tags", 0700, s->tags_dir, err)) < 0) {
			goto fail;
		}
		if ((s->locksfd = tc_fs_open_subdir(s->dirfd, "locks", 0700, s->dir, err)) < 0) {
			goto fail;
		}
		if (tc_fstripes_open(s, err) != TC_OK) {
			goto fail;
		}
	}
	return TC_OK;
fail:
	tc_fstore_close_dirs(s);
	return err ? err->code : TC_ERR_IO;
}

static tc_status tc_fstore_init(tc_fstore *s, const char *dir, int tagged, unsigned stripes,
                                tc_err *err)
{
	memset(s, 0, sizeof(*s));
	s->dirfd = s->datafd = s->tagsfd = s->tmpfd = s->locksfd = -1;
	s->tagged = tagged;
	s->stripes = s->cfg_stripes = stripes ? stripes : 1;
	if (!dir || !*dir) {
		return tc_err_set(err, TC_ERR_ARG, "cache directory must not be empty");
	}
	s->dir = tc_strndup(dir, strlen(dir));
	s->data_dir = s->dir ? tc_join(dir, "data") : NULL;
	s->tags_dir = s->dir ? tc_join(dir, "tags") : NULL;
	if (!s->dir || !s->data_dir || !s->tags_dir) {
		tc_fstore_close(s);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory opening cache directory %s", dir);
	}
	return TC_OK;
}

tc_status tc_fstore_open(tc_fstore *s, const char *dir, int tagged, unsigned stripes,
                         tc_err *err)
{
	tc_status st = tc_fstore_init(s, dir, tagged, stripes, err);
	if (st == TC_OK) {
		st = tc_fstore_open_fds(s, err);
		if (st != TC_OK) {
			tc_fstore_close(s);
		}
	}
	return st;
}

tc_status tc_fstore_attach(tc_fstore *s, const char *dir, int tagged, unsigned stripes,
                           struct tc_fepoch *ep, tc_err *err)
{
	tc_status st = tc_fstore_init(s, dir, tagged, stripes, err);
	if (st == TC_OK && !tc_fattach_take(s, ep)) {
		st = tc_fstore_open_fds(s, err);
		if (st != TC_OK) {
			tc_fstore_close(s);
		}
	}
	return st;
}

void tc_fstore_detach(tc_fstore *s, struct tc_fepoch *ep)
{
	tc_fattach_park(s, ep);
	if (ep) {
		tc_fepoch_close(ep);
	}
	tc_fstore_close(s);
}

void tc_fstore_close(tc_fstore *s)
{
	tc_fstripes_close(s);
	tc_fstore_close_dirs(s);
	tc_free(s->lockfds);
	tc_free(s->dir);
	tc_free(s->data_dir);
	tc_free(s->tags_dir);
	tc_free(s->path);
	memset(s, 0, sizeof(*s));
	s->dirfd = s->datafd = s->tagsfd = s->tmpfd = s->locksfd = -1;
}

tc_status tc_fstore_reopen(tc_fstore *s, tc_err *err)
{
	if (s->pinned) {
		/* A ticketed write holds a stripe of the tree that went: in a new tree its lock would
		 * not exclude the flushes there, so the write is dropped (file_epoch.h). */
		return tc_err_set(err, TC_STALE,
		                  "cache directory %s was removed while a ticketed write was under way",
		                  s->dir);
	}
	/* The stripes went with the tree: locks on them would not exclude processes that use the
	 * new ones. A stripe held by the caller is released. */
	tc_fstripes_close(s);
	tc_fstore_close_dirs(s);
	s->gen++;
	return tc_fstore_open_fds(s, err);
}

static tc_status tc_write_all(int fd, struct iovec *iov, int cnt)
{
	while (cnt > 0) {
		ssize_t w = writev(fd, iov, cnt);
		if (w < 0) {
			if (errno == EINTR) {
				continue;
			}
			return TC_ERR_IO;
		}
		size_t left = (size_t)w;
		while (cnt > 0 && left >= iov->iov_len) {
			left -= iov->iov_len;
			iov++;
			cnt--;
		}
		if (cnt > 0) {
			iov->iov_base = (char *)iov->iov_base + left;
			iov->iov_len -= left;
		}
	}
	return TC_OK;
}

tc_status tc_fstore_write(tc_fstore *s, tc_str id, tc_kind kind, int64_t expiry,
                          const tc_str *tags, size_t ntags, tc_str data, tc_err *err)
{
	int gone = 0;
	tc_status st = tc_fstore_write_in(s, id, kind, expiry, tags, ntags, data, &gone, err);
	if (gone) {
		/* The cache directory was removed under us (rm -rf): build it again. */
		gone = 0;
		st = tc_fstore_reopen(s, err);
		if (st == TC_OK) {
			st = tc_fstore_write_in(s, id, kind, expiry, tags, ntags, data, &gone, err);
		}
	}
	return st;
}

tc_status tc_fstore_write_in(tc_fstore *s, tc_str id, tc_kind kind, int64_t expiry,
                             const tc_str *tags, size_t ntags, tc_str data, int *gone,
                             tc_err *err)
{
	/* An entry a reader could not read back is never written: the old one stays. */
	tc_status hst = tc_entry_head_check(id, kind, expiry, data.len, tags, ntags, err);
	if (hst != TC_OK) {
		return hst;
	}
	char name[48];
	char entry[TC_ENTRY_NAME_MAX];
	int fd = -1;
	long pid = tc_fproc_pid();
	for (;;) {
		unsigned long n = atomic_fetch_add(&tc_temp_counter, 1);
		snprintf(name, sizeof(name), "%ld-%lu", pid, n);
		fd = openat(s->tmpfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			break;
		}
		if (errno == EEXIST) {
			/* Left by a dead process with the same pid, or a forked copy of our counter. */
			continue;
		}
		if (errno == ENOENT) {
			*gone = 1;
		}
		return tc_err_errno(err, TC_ERR_IO, errno, "cannot create temporary file in %s/tmp",
		                    s->dir);
	}

	char stackhead[1024];
	size_t need = tc_entry_head_size(kind, expiry, data.len, tags, ntags);
	char *head = need <= sizeof(stackhead) ? stackhead : tc_malloc(need);
	if (!head) {
		close(fd);
		unlinkat(s->tmpfd, name, 0);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory writing entry %.*s", (int)id.len,
		                  id.ptr);
	}
	size_t hlen = tc_entry_head_write(head, kind, expiry, data.len, tags, ntags);
	struct iovec iov[2] = {{head, hlen}, {(void *)data.ptr, data.len}};
	tc_status st = tc_write_all(fd, iov, data.len ? 2 : 1);
	int e = errno;
	if (head != stackhead) {
		tc_free(head);
	}
	if (st != TC_OK) {
		close(fd);
		unlinkat(s->tmpfd, name, 0);
		return tc_err_errno(err, TC_ERR_IO, e, "cannot write entry %.*s to %s/tmp/%s",
		                    (int)id.len, id.ptr, s->dir, name);
	}
	if (close(fd) != 0) {
		e = errno;
		unlinkat(s->tmpfd, name, 0);
		return tc_err_errno(err, TC_ERR_IO, e, "cannot write entry %.*s to %s/tmp/%s",
		                    (int)id.len, id.ptr, s->dir, name);
	}
	tc_entry_name(entry, id);
	if (renameat(s->tmpfd, name, s->datafd, entry) != 0) {
		e = errno;
		unlinkat(s->tmpfd, name, 0);
		if (e == ENOENT) {
			*gone = 1; /* tmp/ or data/ was removed under us */
		}
		return tc_err_errno(err, TC_ERR_IO, e, "cannot move entry into %s/%s", s->data_dir,
		                    entry);
	}
	return TC_OK;
}

unsigned tc_fstore_stripe(const tc_fstore *s, tc_str id)
{
	(void)s;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < id.len; i++) {
		h = (h ^ (unsigned char)id.ptr[i]) * 16777619u;
	}
	return h;
}

tc_status tc_fstore_gc_temp(tc_fstore *s, tc_removals *rm, tc_err *err)
{
	int fd = openat(s->tmpfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		return errno == ENOENT ? TC_OK
		                       : tc_err_errno(err, TC_ERR_IO, errno, "cannot open %s/tmp", s->dir);
	}
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		return tc_err_errno(err, TC_ERR_IO, e, "cannot read %s/tmp", s->dir);
	}
	int64_t limit = tc_now() - TC_STORE_TEMP_MAX_AGE;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.') {
			continue;
		}
		struct stat st;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			continue;
		}
		if (!S_ISDIR(st.st_mode) && (int64_t)st.st_mtime < limit &&
		    unlinkat(dirfd(d), de->d_name, 0) != 0 && errno != ENOENT) {
			char path[300];
			snprintf(path, sizeof(path), "tmp/%s", de->d_name);
			tc_removals_other_failed(rm, path, path, errno);
		}
	}
	closedir(d);
	return TC_OK;
}

/* A directory removed (rmdir, rm -rf) while we hold it open has no links left. */
static int tc_fstore_gone(int fd)
{
	struct stat sb;
	return fd >= 0 && fstat(fd, &sb) == 0 && sb.st_nlink == 0;
}

tc_status tc_fstore_revalidate(tc_fstore *s, tc_err *err)
{
	if (!tc_fstore_gone(s->dirfd) && !tc_fstore_gone(s->datafd) && !tc_fstore_gone(s->tagsfd) &&
	    !tc_fstore_gone(s->tmpfd)) {
		return TC_OK;
	}
	return tc_fstore_reopen(s, err);
}

tc_status tc_fstore_entry_path(tc_fstore *s, tc_str id, const char **path, tc_err *err)
{
	size_t dl = strlen(s->data_dir);
	size_t need = dl + 1 + id.len + 5;
	if (need > s->path_cap) {
		char *p = tc_realloc(s->path, need);
		if (!p) {
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory building the path of %.*s",
			                  (int)id.len, id.ptr);
		}
		s->path = p;
		s->path_cap = need;
	}
	memcpy(s->path, s->data_dir, dl);
	s->path[dl] = '/';
	memcpy(s->path + dl + 1, id.ptr, id.len);
	memcpy(s->path + dl + 1 + id.len, ".php", 5);
	*path = s->path;
	return TC_OK;
}

size_t tc_fstore_entry_id(const char *name)
{
	size_t len = strlen(name);
	if (len <= 4 || memcmp(name + len - 4, ".php", 4) != 0) {
		return 0;
	}
	return tc_ident_valid(name, len - 4) ? len - 4 : 0;
}

/* Reads the names of data/ entries into list. */
tc_status tc_fstore_read_entries(tc_fstore *s, tc_strlist *list, tc_err *err)
{
	int fd = openat(s->datafd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		return tc_err_errno(err, TC_ERR_IO, errno, "cannot open directory %s", s->data_dir);
	}
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		return tc_err_errno(err, TC_ERR_IO, e, "cannot read directory %s", s->data_dir);
	}
	tc_status st = TC_OK;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		size_t len = tc_fstore_entry_id(de->d_name);
		if (len && tc_strlist_add(list, de->d_name, len) != 0) {
			st = tc_err_set(err, TC_ERR_NOMEM, "out of memory listing %s", s->data_dir);
			break;
		}
	}
	closedir(d);
	return st;
}
