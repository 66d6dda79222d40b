/* File-system helpers for the file backends: directory creation and clearing. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "tc_fs.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tc_alloc.h"

/* How many directories, from a cache's own upwards, must be trusted before the walk stops. */
#define TC_FS_TRUST_LEVELS 3

tc_fs_trust tc_fs_trust_of(const struct stat *sb, uid_t me)
{
	/* Only we and root can make what we rely on: anybody else's directory, or link, in the
	 * chain could be swapped under us to plant entries (or PHP code for requireOnce). */
	if (sb->st_uid != me && sb->st_uid != 0) {
		return TC_FS_TRUST_OWNER;
	}
	if (S_ISLNK(sb->st_mode)) {
		return TC_FS_TRUST_STOP; /* a link made by us or root: its target is their choice */
	}
	if ((sb->st_mode & S_IWOTH) && (sb->st_mode & S_ISVTX)) {
		return TC_FS_TRUST_STOP; /* a shared sticky directory such as /tmp: others cannot touch what is ours */
	}
	return (sb->st_mode & (S_IWGRP | S_IWOTH)) ? TC_FS_TRUST_WRITABLE : TC_FS_TRUST_NEXT;
}

tc_status tc_fs_check_trusted(const char *path, tc_err *err)
{
	size_t len = strlen(path);
	char *dir = tc_strndup(path, len);
	if (!dir) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory checking directory %s", path);
	}
	uid_t me = geteuid();
	tc_status st = TC_OK;
	for (int level = 0; level < TC_FS_TRUST_LEVELS; level++) {
		while (len > 1 && dir[len - 1] == '/') {
			dir[--len] = '\0';
		}
		struct stat sb;
		if (lstat(dir, &sb) != 0) {
			st = tc_err_errno(err, TC_ERR_IO, errno, "cannot check directory %s", dir);
			break;
		}
		tc_fs_trust t = tc_fs_trust_of(&sb, me);
		if (t == TC_FS_TRUST_OWNER) {
			st = tc_err_set(err, TC_ERR_IO,
			                "refusing cache directory %s: %s belongs to uid %ld, not to this process (uid %ld) or root",
			                path, dir, (long)sb.st_uid, (long)me);
			break;
		}
		if (t == TC_FS_TRUST_WRITABLE) {
			st = tc_err_set(err, TC_ERR_IO,
			                "refusing cache directory %s: %s is writable by %s (mode %03o); make it writable by its owner only",
			                path, dir, (sb.st_mode & S_IWOTH) ? "everybody" : "its group", (unsigned)(sb.st_mode & 0777));
			break;
		}
		if (t == TC_FS_TRUST_STOP) {
			break;
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			break; /* reached / or a relative top */
		}
		*slash = '\0';
		len = (size_t)(slash - dir);
	}
	tc_free(dir);
	return st;
}

tc_status tc_fs_mkdir_p(const char *path, mode_t mode, tc_err *err)
{
	if (!path || !*path) {
		return tc_err_set(err, TC_ERR_ARG, "directory must not be empty");
	}
	if (mkdir(path, mode) == 0 || errno == EEXIST) {
		struct stat st;
		if (stat(path, &st) != 0) {
			return tc_err_errno(err, TC_ERR_IO, errno, "cannot access directory %s", path);
		}
		if (!S_ISDIR(st.st_mode)) {
			return tc_err_set(err, TC_ERR_IO, "cannot use %s as directory: not a directory", path);
		}
		return TC_OK;
	}
	if (errno != ENOENT) {
		return tc_err_errno(err, TC_ERR_IO, errno, "cannot create directory %s", path);
	}
	/* A parent is missing: create the chain from the top, tolerating concurrent creators. */
	size_t len = strlen(path);
	char *copy = tc_strndup(path, len);
	if (!copy) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating directory %s", path);
	}
	tc_status st = TC_OK;
	for (size_t i = 1; i <= len; i++) {
		if (copy[i] != '/' && copy[i] != '\0') {
			continue;
		}
		if (copy[i - 1] == '/') {
			continue;
		}
		char saved = copy[i];
		copy[i] = '\0';
		if (mkdir(copy, mode) != 0 && errno != EEXIST) {
			st = tc_err_errno(err, TC_ERR_IO, errno, "cannot create directory %s", copy);
			break;
		}
		copy[i] = saved;
	}
	tc_free(copy);
	if (st != TC_OK) {
		return st;
	}
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		return tc_err_set(err, TC_ERR_IO, "cannot create directory %s: not a directory", path);
	}
	return TC_OK;
}

int tc_fs_open_subdir(int dirfd, const char *name, mode_t mode, const char *display, tc_err *err)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			return fd;
		}
		if (errno != ENOENT || attempt) {
			tc_err_errno(err, TC_ERR_IO, errno, "cannot open directory %s", display);
			return -1;
		}
		if (mkdirat(dirfd, name, mode) != 0 && errno != EEXIST) {
			tc_err_errno(err, TC_ERR_IO, errno, "cannot create directory %s", display);
			return -1;
		}
	}
	return -1;
}

/* Whether entry n of directory d is a directory (d_type when the file system gives it). */
static int tc_fs_is_dir(DIR *d, const struct dirent *de)
{
	if (de->d_type != DT_UNKNOWN) {
		return de->d_type == DT_DIR;
	}
	struct stat sb;
	return fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(sb.st_mode);
}

static void tc_fs_clear_fd(int fd, int depth, const char *display, int entries, tc_removals *rm)
{
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		tc_removals_other_failed(rm, display, display, e);
		return;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		const char *n = de->d_name;
		if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'))) {
			continue;
		}
		char path[TC_FS_DISPLAY_MAX];
		snprintf(path, sizeof(path), "%s/%s", display, n);
		if (tc_fs_is_dir(d, de) && depth > 0) {
			tc_fs_clear_dirat(dirfd(d), n, depth - 1, path, 0, rm);
			/* ENOTEMPTY: what stayed inside is recorded already, or a writer added a
			 * marker meanwhile. */
			if (unlinkat(dirfd(d), n, AT_REMOVEDIR) != 0 && errno != ENOENT &&
			    errno != ENOTEMPTY && errno != EEXIST) {
				tc_removals_other_failed(rm, path, path, errno);
			}
			continue;
		}
		/* An entry named <id>.php is reported by its id. */
		size_t len = strlen(n);
		size_t idlen = entries && len > 4 && strcmp(n + len - 4, ".php") == 0 ? len - 4 : len;
		if (entries) {
			tc_removals_attempt(rm);
		}
		if (unlinkat(dirfd(d), n, 0) == 0 || errno == ENOENT) {
			continue;
		}
		if (entries) {
			tc_removals_entry_failed(rm, n, idlen, path, errno);
		} else {
			tc_removals_other_failed(rm, path, path, errno);
		}
	}
	closedir(d);
}

void tc_fs_clear_dirat(int dirfd, const char *name, int depth, const char *display, int entries,
                       tc_removals *rm)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT) {
			tc_removals_other_failed(rm, display, display, errno);
		}
		return;
	}
	tc_fs_clear_fd(fd, depth, display, entries, rm);
}
