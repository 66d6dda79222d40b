/* onFailure "keep": batches Redis refused are written to keepDirectory, one file each, and
 * published, oldest first, before the next publish of any bus of that directory and stream.
 *
 * The directory must be the current user's and writable by nobody else: kept files are
 * published as they are, so anyone able to drop one there could publish clears. Files are
 * written under a temporary name and renamed (never seen half written), named
 * <prefix><ms>-<pid>-<seq>.kept so name order is time order (ms and seq are process-wide, and ms
 * never goes back within a process, so two buses of one process keep in call order even within one
 * millisecond or across a clock step); a lock file lets one process at a
 * time send them, so two processes never both send the same file.
 * A file holds "TCBK1 <clears>\n" and the encoded batch, its time the original one. */
#include "bus_pub.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#define KEEP_MAGIC "TCBK1 "
#define KEEP_SUFFIX ".kept"

tc_status tagcache_bus_keep_check(tagcache_bus_obj *b, bool create, tc_err *err)
{
	const char *dir = ZSTR_VAL(b->pub->keep_dir);
	struct stat st;
	if (lstat(dir, &st) != 0) {
		if (errno != ENOENT) {
			return tc_err_errno(err, TC_ERR_IO, errno, "keepDirectory \"%s\" cannot be checked", dir);
		}
		if (!create) {
			return TC_MISS;
		}
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			return tc_err_errno(err, TC_ERR_IO, errno, "keepDirectory \"%s\" cannot be created", dir);
		}
		if (lstat(dir, &st) != 0) {
			return tc_err_errno(err, TC_ERR_IO, errno, "keepDirectory \"%s\" cannot be checked", dir);
		}
	}
	if (!S_ISDIR(st.st_mode)) {
		return tc_err_set(err, TC_ERR_ARG, "keepDirectory \"%s\" is not a directory (symbolic links are refused)", dir);
	}
	if (st.st_uid != geteuid()) {
		return tc_err_set(err, TC_ERR_ARG, "keepDirectory \"%s\" is owned by uid %ld, not by the current user (uid %ld): refused",
		                  dir, (long)st.st_uid, (long)geteuid());
	}
	if (st.st_mode & 022) {
		return tc_err_set(err, TC_ERR_ARG, "keepDirectory \"%s\" is writable by group or others (mode %04o): refused, it must be 0700",
		                  dir, (unsigned)(st.st_mode & 07777));
	}
	return TC_OK;
}

static uint64_t now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000 + (uint64_t)tv.tv_usec / 1000;
}

/* Process-wide (every bus, every thread): atomics, as ZTS threads may keep at once. */
static uint64_t keep_last_ms;
static uint64_t keep_seq;

/* A name stamp no earlier than any this process gave before, and a sequence that only grows. */
static void keep_stamp(uint64_t *ms, uint64_t *seq)
{
	uint64_t now = now_ms();
	uint64_t last = __atomic_load_n(&keep_last_ms, __ATOMIC_RELAXED);
	while (now > last && !__atomic_compare_exchange_n(&keep_last_ms, &last, now, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
	}
	*ms = now > last ? now : last;
	*seq = __atomic_add_fetch(&keep_seq, 1, __ATOMIC_RELAXED);
}

static bool write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR) {
			continue;
		}
		if (w <= 0) {
			return false;
		}
		p += w;
		len -= (size_t)w;
	}
	return true;
}

tc_status tagcache_bus_keep_write(tagcache_bus_obj *b, const char *payload, size_t len, size_t clears, tc_err *err)
{
	tc_status st = tagcache_bus_keep_check(b, true, err);
	if (st != TC_OK) {
		return st;
	}
	tagcache_bus_pub *p = b->pub;
	char name[128], tmp[160], head[48];
	uint64_t ms, seq;
	keep_stamp(&ms, &seq);
	snprintf(name, sizeof(name), "%s%013llu-%010ld-%010llu" KEEP_SUFFIX, p->keep_prefix,
	         (unsigned long long)ms, (long)getpid(), (unsigned long long)seq);
	snprintf(tmp, sizeof(tmp), ".tmp-%s", name);
	zend_string *tmp_path = zend_strpprintf(0, "%s/%s", ZSTR_VAL(p->keep_dir), tmp);
	zend_string *path = zend_strpprintf(0, "%s/%s", ZSTR_VAL(p->keep_dir), name);
	int hl = snprintf(head, sizeof(head), KEEP_MAGIC "%zu\n", clears);
	int fd = open(ZSTR_VAL(tmp_path), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		st = tc_err_errno(err, TC_ERR_IO, errno, "cannot write a kept batch to \"%s\"", ZSTR_VAL(tmp_path));
	} else if (!write_all(fd, head, (size_t)hl) || !write_all(fd, payload, len) || fsync(fd) != 0) {
		st = tc_err_errno(err, TC_ERR_IO, errno, "cannot write a kept batch to \"%s\"", ZSTR_VAL(tmp_path));
	} else if (rename(ZSTR_VAL(tmp_path), ZSTR_VAL(path)) != 0) {
		st = tc_err_errno(err, TC_ERR_IO, errno, "cannot rename a kept batch to \"%s\"", ZSTR_VAL(path));
	}
	if (fd >= 0) {
		close(fd);
	}
	if (st != TC_OK) {
		unlink(ZSTR_VAL(tmp_path));
	}
	zend_string_release(tmp_path);
	zend_string_release(path);
	return st;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether name is a kept file of this bus's server, database and stream. */
static bool is_kept_name(const tagcache_bus_obj *b, const char *name)
{
	size_t len = strlen(name), plen = strlen(b->pub->keep_prefix), slen = strlen(KEEP_SUFFIX);
	return len > plen + slen && strncmp(name, b->pub->keep_prefix, plen) == 0 &&
	       strcmp(name + len - slen, KEEP_SUFFIX) == 0;
}

/* Whether any is kept: stops at the first, so it stays cheap however many pile up. */
static bool any_kept(tagcache_bus_obj *b)
{
	DIR *d = opendir(ZSTR_VAL(b->pub->keep_dir));
	if (!d) {
		return false;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL && !is_kept_name(b, e->d_name)) {
	}
	closedir(d);
	return e != NULL;
}

/* Names of this stream's kept files, sorted (malloc'd array of malloc'd names). */
static char **list_names(tagcache_bus_obj *b, size_t *n)
{
	*n = 0;
	DIR *d = opendir(ZSTR_VAL(b->pub->keep_dir));
	if (!d) {
		return NULL;
	}
	char **names = NULL;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_kept_name(b, e->d_name)) {
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			char **more = realloc(names, cap * sizeof(char *));
			if (!more) {
				break;
			}
			names = more;
		}
		char *copy = strdup(e->d_name);
		if (copy) {
			names[(*n)++] = copy;
		}
	}
	closedir(d);
	if (*n > 1) {
		qsort(names, *n, sizeof(char *), cmp_names);
	}
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(names[i]);
	}
	free(names);
}

/* Reads one kept file: NULL when it is not ours, not regular or not a kept batch. */
static char *read_kept(const char *path, size_t *len, size_t *clears)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		return NULL;
	}
	struct stat st;
	char *buf = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() && st.st_size > 0 &&
	    st.st_size < 64 * 1024 * 1024) {
		size_t size = (size_t)st.st_size, got = 0;
		buf = malloc(size + 1);
		while (buf && got < size) {
			ssize_t r = read(fd, buf + got, size - got);
			if (r < 0 && errno == EINTR) {
				continue;
			}
			if (r <= 0) {
				break;
			}
			got += (size_t)r;
		}
		char *nl = buf && got == size ? memchr(buf, '\n', MIN(size, 40)) : NULL;
		if (nl && strncmp(buf, KEEP_MAGIC, sizeof(KEEP_MAGIC) - 1) == 0) {
			*clears = (size_t)strtoull(buf + sizeof(KEEP_MAGIC) - 1, NULL, 10);
			*len = size - (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, *len);
		} else {
			free(buf);
			buf = NULL;
		}
	}
	close(fd);
	return buf;
}

tc_status tagcache_bus_keep_load(tagcache_bus_obj *b, tagcache_bus_kept **kept, size_t *n, int *lock,
	bool *down, tc_err *err)
{
	*kept = NULL;
	*n = 0;
	*lock = -1;
	*down = false;
	tc_status st = tagcache_bus_keep_check(b, false, err);
	if (st == TC_MISS) {
		return TC_OK;
	}
	if (st != TC_OK) {
		/* a throwing bus only reads the directory: an unsafe one is not its business */
		if (!b->pub->keep) {
			tc_err_clear(err);
			return TC_OK;
		}
		return st;
	}
	if (!any_kept(b)) {
		return TC_OK; /* the usual case: one directory read, no lock */
	}
	if (tc_bus_ping(&b->stream, err) != TC_OK) {
		*down = true;
		return TC_OK;
	}
	zend_string *lpath = zend_strpprintf(0, "%s/%slock", ZSTR_VAL(b->pub->keep_dir), b->pub->keep_prefix);
	int fd = open(ZSTR_VAL(lpath), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		st = tc_err_errno(err, TC_ERR_IO, errno, "cannot open the lock file \"%s\"", ZSTR_VAL(lpath));
		zend_string_release(lpath);
		return st;
	}
	zend_string_release(lpath);
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			st = tc_err_errno(err, TC_ERR_IO, errno, "cannot lock the kept batches of \"%s\"", ZSTR_VAL(b->pub->keep_dir));
			close(fd);
			return st;
		}
	}
	/* again under the lock: another process may have sent them meanwhile */
	size_t count;
	char **names = list_names(b, &count);
	tagcache_bus_kept *list = count ? calloc(count, sizeof(*list)) : NULL;
	size_t got = 0;
	for (size_t i = 0; list && i < count; i++) {
		char *path;
		if (asprintf(&path, "%s/%s", ZSTR_VAL(b->pub->keep_dir), names[i]) < 0) {
			continue;
		}
		tagcache_bus_kept *k = &list[got];
		k->payload = read_kept(path, &k->len, &k->clears);
		if (!k->payload) {
			/* not a kept batch of ours: set aside, so it neither blocks nor is sent */
			char *bad;
			if (asprintf(&bad, "%s.corrupt", path) >= 0) {
				rename(path, bad);
				free(bad);
			}
			free(path);
			continue;
		}
		k->path = path;
		got++;
	}
	free_names(names, count);
	*kept = list;
	*n = got;
	*lock = fd;
	return TC_OK;
}

void tagcache_bus_keep_done(tagcache_bus_kept *kept, size_t n, int lock, bool sent)
{
	for (size_t i = 0; i < n; i++) {
		if (sent) {
			unlink(kept[i].path);
		}
		free(kept[i].path);
		free(kept[i].payload);
	}
	free(kept);
	if (lock >= 0) {
		flock(lock, LOCK_UN);
		close(lock);
	}
}

zend_long tagcache_bus_keep_count(tagcache_bus_obj *b)
{
	tc_err err;
	tc_err_clear(&err);
	if (tagcache_bus_keep_check(b, false, &err) != TC_OK) {
		return 0;
	}
	size_t count;
	char **names = list_names(b, &count);
	zend_long total = 0;
	for (size_t i = 0; i < count; i++) {
		char *path;
		size_t len, clears = 0;
		if (asprintf(&path, "%s/%s", ZSTR_VAL(b->pub->keep_dir), names[i]) < 0) {
			continue;
		}
		char *payload = read_kept(path, &len, &clears);
		if (payload) {
			total += (zend_long)clears;
			free(payload);
		}
		free(path);
	}
	free_names(names, count);
	return total;
}
