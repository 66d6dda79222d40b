/* Reading and writing the entry file format described in file_format.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "file_format.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../tc_alloc.h"
#include "../tc_ident.h"

static const char tc_head_php[] = "<?php //tagcache1 P ";
static const char tc_head_data[] = "<?php __halt_compiler(); tagcache1 D ";

void tc_entry_name(char *name, tc_str id)
{
	size_t len = id.len < TC_ENTRY_NAME_MAX - 5 ? id.len : TC_ENTRY_NAME_MAX - 5;
	memcpy(name, id.ptr, len);
	memcpy(name + len, ".php", 5);
}

static size_t tc_digits_u64(uint64_t v)
{
	size_t n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static size_t tc_put_u64(char *p, uint64_t v)
{
	char tmp[24];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++) {
		p[i] = tmp[n - 1 - i];
	}
	return n;
}

size_t tc_entry_head_size(tc_kind kind, int64_t expiry, size_t payload_len, const tc_str *tags,
                          size_t ntags)
{
	size_t n = (kind == TC_KIND_PHP ? sizeof(tc_head_php) : sizeof(tc_head_data)) - 1;
	n += tc_digits_u64((uint64_t)expiry) + 1 + tc_digits_u64(payload_len) + 1;
	for (size_t i = 0; i < ntags; i++) {
		n += 1 + tags[i].len;
	}
	return n;
}

tc_status tc_entry_head_check(tc_str id, tc_kind kind, int64_t expiry, size_t payload_len,
                              const tc_str *tags, size_t ntags, tc_err *err)
{
	size_t need = tc_entry_head_size(kind, expiry, payload_len, tags, ntags);
	if (need <= TC_ENTRY_HEAD_MAX) {
		return TC_OK;
	}
	return tc_err_set(err, TC_ERR_ARG,
	                  "entry \"%.*s\" cannot be stored: its header line with %zu tags would be %zu bytes, "
	                  "over the %d bytes an entry header may have to be read back (use fewer or shorter tags)",
	                  (int)id.len, id.ptr, ntags, need, TC_ENTRY_HEAD_MAX);
}

size_t tc_entry_head_write(char *buf, tc_kind kind, int64_t expiry, size_t payload_len,
                           const tc_str *tags, size_t ntags)
{
	char *p = buf;
	if (kind == TC_KIND_PHP) {
		memcpy(p, tc_head_php, sizeof(tc_head_php) - 1);
		p += sizeof(tc_head_php) - 1;
	} else {
		memcpy(p, tc_head_data, sizeof(tc_head_data) - 1);
		p += sizeof(tc_head_data) - 1;
	}
	p += tc_put_u64(p, (uint64_t)expiry);
	*p++ = ' ';
	p += tc_put_u64(p, payload_len);
	for (size_t i = 0; i < ntags; i++) {
		*p++ = ' ';
		memcpy(p, tags[i].ptr, tags[i].len);
		p += tags[i].len;
	}
	*p++ = '\n';
	return (size_t)(p - buf);
}

/* Parses an unsigned decimal; rejects empty numbers, leading zeros and overflow. */
static const char *tc_parse_u64(const char *p, const char *end, uint64_t max, uint64_t *out)
{
	const char *start = p;
	uint64_t v = 0;
	while (p < end && *p >= '0' && *p <= '9') {
		unsigned d = (unsigned)(*p - '0');
		if (v > (max - d) / 10) {
			return NULL;
		}
		v = v * 10 + d;
		p++;
	}
	if (p == start || (p - start > 1 && *start == '0')) {
		return NULL;
	}
	*out = v;
	return p;
}

static int tc_entry_check_size(tc_entry_file *f);

/* Parses the header line buf[0..nl] (nl indexes the '\n'), and checks the length against the
 * file size when f->size_known; returns 0 or sets f->reason. */
static int tc_entry_parse(tc_entry_file *f, size_t nl)
{
	const char *p = f->buf;
	const char *end = f->buf + nl;
	tc_entry_head *h = &f->head;
	if ((size_t)(end - p) >= sizeof(tc_head_php) - 1 &&
	    memcmp(p, tc_head_php, sizeof(tc_head_php) - 1) == 0) {
		h->kind = TC_KIND_PHP;
		p += sizeof(tc_head_php) - 1;
	} else if ((size_t)(end - p) >= sizeof(tc_head_data) - 1 &&
	           memcmp(p, tc_head_data, sizeof(tc_head_data) - 1) == 0) {
		h->kind = TC_KIND_DATA;
		p += sizeof(tc_head_data) - 1;
	} else {
		snprintf(f->reason, sizeof(f->reason), "header line has no tagcache1 marker");
		return -1;
	}
	uint64_t expiry, len;
	p = tc_parse_u64(p, end, (uint64_t)INT64_MAX, &expiry);
	if (!p || p >= end || *p != ' ') {
		snprintf(f->reason, sizeof(f->reason), "header line has a malformed expiry");
		return -1;
	}
	p = tc_parse_u64(p + 1, end, (uint64_t)SIZE_MAX, &len);
	if (!p || (p < end && *p != ' ')) {
		snprintf(f->reason, sizeof(f->reason), "header line has a malformed payload length");
		return -1;
	}
	h->expiry = (int64_t)expiry;
	h->payload_len = (size_t)len;
	h->head_len = nl + 1;
	h->tags = p < end ? p + 1 : end;
	h->tags_len = (size_t)(end - h->tags);
	/* Tags must satisfy the identifier rule: a damaged byte there would otherwise become a
	 * file name. An empty tag (two spaces, trailing space) is damage too. */
	size_t pos = 0;
	tc_str tag;
	/* The iterator would skip a blank after the last tag, so refuse it here: the header a
	 * reader accepts is exactly the one a writer makes. */
	if ((p < end && h->tags_len == 0) || (h->tags_len > 0 && h->tags[h->tags_len - 1] == ' ')) {
		snprintf(f->reason, sizeof(f->reason), "header line has an empty tag");
		return -1;
	}
	while (tc_entry_next_tag(h, &pos, &tag)) {
		if (!tc_ident_valid(tag.ptr, tag.len)) {
			snprintf(f->reason, sizeof(f->reason), "header line has an invalid tag");
			return -1;
		}
	}
	/* The length is checked here when the file's size is known (else by whoever learns it). */
	if (f->size_known && tc_entry_check_size(f) != 0) {
		return -1;
	}
	return 0;
}

/* The file's length does not match its header: says so in f->reason, with the size an fstat
 * finds when no read proved it (a corrupt entry may cost one more syscall, a sound one none). */
static void tc_entry_mismatch(tc_entry_file *f)
{
	struct stat st;
	if (!f->size_known) {
		f->size = f->n;
		if (f->fd >= 0 && fstat(f->fd, &st) == 0) {
			f->size = (size_t)st.st_size;
		}
		f->size_known = 1;
	}
	if (f->size < f->n) {
		snprintf(f->reason, sizeof(f->reason),
		         "file size %zu is under the %zu bytes already read from it", f->size, f->n);
		return;
	}
	snprintf(f->reason, sizeof(f->reason), "payload length %zu does not match the file size %zu",
	         f->head.payload_len, f->size);
}

/* Learns the size with one fstat (only on paths where the first read did not prove it). A
 * size under the bytes already read (a file truncated in place, a stale size from a network
 * file system) or a file that is not regular (a device: entries are opened without following
 * symbolic links) is corrupt: 1 and f->reason; -1 when fstat fails (errno); else 0. */
static int tc_entry_stat(tc_entry_file *f)
{
	struct stat st;
	if (fstat(f->fd, &st) != 0) {
		return -1;
	}
	f->size = (size_t)st.st_size;
	f->size_known = 1;
	if (!S_ISREG(st.st_mode)) {
		snprintf(f->reason, sizeof(f->reason), "it is not a regular file");
		return 1;
	}
	if (f->size < f->n) {
		snprintf(f->reason, sizeof(f->reason),
		         "file size %zu is under the %zu bytes already read from it", f->size, f->n);
		return 1;
	}
	return 0;
}

/* 0 when the known file size is header + payload, else sets f->reason. */
static int tc_entry_check_size(tc_entry_file *f)
{
	const tc_entry_head *h = &f->head;
	if (h->payload_len != f->size - h->head_len || f->size < h->head_len) {
		tc_entry_mismatch(f);
		return -1;
	}
	return 0;
}

static ssize_t tc_read_full(int fd, char *buf, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t r = read(fd, buf + got, len - got);
		if (r < 0) {
			if (errno == EINTR) {
				continue;
			}
			return -1;
		}
		if (r == 0) {
			break;
		}
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* One read: fewer bytes than asked means the end of a regular file (no read to EOF). */
static ssize_t tc_read_once(int fd, char *buf, size_t len)
{
	ssize_t r;
	do {
		r = read(fd, buf, len);
	} while (r < 0 && errno == EINTR);
	return r;
}

/* The most one read returns on Linux (MAX_RW_COUNT): a shorter read than that is at EOF. */
#define TC_READ_MAX ((size_t)0x7ffff000)

/* Reads need bytes into dst and proves the end of file right after them, in one readv per
 * TC_READ_MAX bytes (a 1-byte scratch iovec catches a longer file). Returns the bytes read
 * into dst (fewer than need: the file is shorter) and sets *longer when more bytes follow;
 * -1 with errno on failure. */
static ssize_t tc_read_rest(int fd, char *dst, size_t need, int *longer)
{
	char extra;
	size_t got = 0;
	*longer = 0;
	for (;;) {
		struct iovec iov[2] = {{dst + got, need - got}, {&extra, 1}};
		size_t asked = need - got + 1;
		ssize_t r = readv(fd, iov, 2);
		if (r < 0) {
			if (errno == EINTR) {
				continue;
			}
			return -1;
		}
		if ((size_t)r == asked) {
			*longer = 1;
			return (ssize_t)need;
		}
		got += (size_t)r;
		if (r == 0 || asked <= TC_READ_MAX) {
			return (ssize_t)got;
		}
	}
}

tc_status tc_entry_open(tc_entry_file *f, int dirfd, const char *name, const char *display,
                        tc_err *err)
{
	return tc_entry_open_mode(f, dirfd, name, display, TC_ENTRY_CHECK, err);
}

tc_status tc_entry_open_head(tc_entry_file *f, int dirfd, const char *name, const char *display,
                             tc_err *err)
{
	return tc_entry_open_mode(f, dirfd, name, display, TC_ENTRY_HEAD, err);
}

tc_status tc_entry_open_mode(tc_entry_file *f, int dirfd, const char *name, const char *display,
                             int mode, tc_err *err)
{
	f->heap = NULL;
	f->buf = f->stack;
	f->reason[0] = '\0';
	f->n = 0;
	f->size_known = 0;
	f->fd = -1;
	/* Only what writers make is read: a symbolic link (to /dev/zero, say) is not followed, and
	 * a FIFO does not block the open (its read then finds an empty file). Same syscalls. */
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT) {
			return TC_MISS;
		}
		if (errno == ELOOP) {
			snprintf(f->reason, sizeof(f->reason), "it is a symbolic link");
			return TC_ERR_CORRUPT;
		}
		return tc_err_errno(err, TC_ERR_IO, errno, "cannot open %s/%s", display, name);
	}
	f->fd = fd;
	int loop = (mode & TC_ENTRY_LOOP) != 0;
	mode &= ~TC_ENTRY_LOOP;
	/* On a local file system one read says it all; a network one may return short reads
	 * before the end, so there the first chunk is read until it is full or at EOF. */
	ssize_t r = loop ? tc_read_full(f->fd, f->stack, sizeof(f->stack))
	                 : tc_read_once(f->fd, f->stack, sizeof(f->stack));
	if (r < 0) {
		if (errno == EISDIR) {
			tc_entry_close(f);
			snprintf(f->reason, sizeof(f->reason), "it is a directory");
			return TC_ERR_CORRUPT;
		}
		goto io;
	}
	f->n = (size_t)r;
	if (f->n < sizeof(f->stack)) {
		/* A short read (read to EOF on a network file system) means end of file: the size
		 * is known. */
		f->size = f->n;
		f->size_known = 1;
	}
	char *nl = memchr(f->buf, '\n', f->n);
	if (!nl && !f->size_known) {
		/* Header longer than the first chunk (many tags): read it to the heap. */
		int bad = tc_entry_stat(f);
		if (bad < 0) {
			goto io;
		}
		if (bad) {
			goto corrupt;
		}
		size_t want = f->size < TC_ENTRY_HEAD_MAX ? f->size : TC_ENTRY_HEAD_MAX;
		f->heap = tc_malloc(want);
		if (!f->heap) {
			close(f->fd);
			return tc_err_set(err, TC_ERR_NOMEM, "out of memory reading %s/%s", display, name);
		}
		memcpy(f->heap, f->stack, f->n);
		r = tc_read_full(f->fd, f->heap + f->n, want - f->n);
		if (r < 0) {
			goto io;
		}
		f->n += (size_t)r;
		f->buf = f->heap;
		nl = memchr(f->buf, '\n', f->n);
	}
	if (!nl) {
		snprintf(f->reason, sizeof(f->reason), "header line is %s",
		         f->n ? "unterminated" : "missing (empty file)");
		goto corrupt;
	}
	if (tc_entry_parse(f, (size_t)(nl - f->buf)) != 0) {
		goto corrupt;
	}
	/* A known size was checked by tc_entry_parse. */
	if (!f->size_known && (f->head.payload_len > SIZE_MAX - f->head.head_len ||
	                       f->head.head_len + f->head.payload_len < f->n)) {
		/* The first read filled the chunk, past where the header says the entry ends. */
		tc_entry_mismatch(f);
		goto corrupt;
	} else if (!f->size_known && mode == TC_ENTRY_CHECK && tc_entry_verify(f) != TC_OK) {
		goto corrupt;
	}
	if (mode == TC_ENTRY_HEAD) {
		close(f->fd);
		f->fd = -1;
	}
	return TC_OK;
io:;
	int e = errno;
	tc_entry_close(f);
	return tc_err_errno(err, TC_ERR_IO, e, "cannot read %s/%s", display, name);
corrupt:
	tc_entry_close(f);
	return TC_ERR_CORRUPT;
}

tc_status tc_entry_payload(tc_entry_file *f, const tc_sink *sink, const char *display,
                           tc_err *err)
{
	size_t len = f->head.payload_len;
	if (!f->size_known && f->head.head_len + len > f->n) {
		/* The first read filled the chunk and the header claims more: the claimed length is
		 * only believed (and allocated) once the file's size backs it, so a damaged length
		 * field reads as corrupt instead of exhausting memory. Entries under the chunk never
		 * get here. */
		int bad = tc_entry_stat(f);
		if (bad < 0) {
			return tc_err_errno(err, TC_ERR_IO, errno, "cannot read entry in %s", display);
		}
		if (bad || tc_entry_check_size(f) != 0) {
			return TC_ERR_CORRUPT;
		}
	}
	char *dst = sink->alloc(sink->ud, len);
	if (!dst) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory for an entry of %zu bytes in %s",
		                  len, display);
	}
	size_t have = f->n - f->head.head_len;
	if (have > len) {
		have = len;
	}
	memcpy(dst, f->buf + f->head.head_len, have);
	if (!f->size_known) {
		/* The rest straight into dst, and the proof that the file ends there. */
		int longer;
		ssize_t r = tc_read_rest(f->fd, dst + have, len - have, &longer);
		if (r < 0) {
			return tc_err_errno(err, TC_ERR_IO, errno, "cannot read entry in %s", display);
		}
		if ((size_t)r != len - have || longer) {
			tc_entry_mismatch(f);
			return TC_ERR_CORRUPT;
		}
		f->size = f->head.head_len + len;
		f->size_known = 1;
		return TC_OK;
	}
	if (have < len) {
		/* The descriptor sits right after the bytes already in buf. */
		ssize_t r = tc_read_full(f->fd, dst + have, len - have);
		if (r < 0) {
			return tc_err_errno(err, TC_ERR_IO, errno, "cannot read entry in %s", display);
		}
		if ((size_t)r != len - have) {
			return tc_err_set(err, TC_ERR_IO, "entry in %s shrank while being read", display);
		}
	}
	return TC_OK;
}

tc_status tc_entry_verify(tc_entry_file *f)
{
	if (f->size_known) {
		return TC_OK;
	}
	int bad = f->fd >= 0 ? tc_entry_stat(f) : -1;
	if (bad < 0) {
		/* Cannot tell: the reads that follow (or did not) decide. */
		return TC_OK;
	}
	return bad == 0 && tc_entry_check_size(f) == 0 ? TC_OK : TC_ERR_CORRUPT;
}

void tc_entry_close(tc_entry_file *f)
{
	if (f->fd >= 0) {
		close(f->fd);
		f->fd = -1;
	}
	tc_free(f->heap);
	f->heap = NULL;
	f->buf = f->stack;
}

int tc_entry_next_tag(const tc_entry_head *h, size_t *pos, tc_str *tag)
{
	if (*pos >= h->tags_len) {
		return 0;
	}
	const char *start = h->tags + *pos;
	const char *sp = memchr(start, ' ', h->tags_len - *pos);
	size_t len = sp ? (size_t)(sp - start) : h->tags_len - *pos;
	tag->ptr = start;
	tag->len = len;
	*pos += len + 1;
	return 1;
}

int tc_entry_has_tag(const tc_entry_head *h, tc_str tag)
{
	size_t pos = 0;
	tc_str t;
	while (tc_entry_next_tag(h, &pos, &t)) {
		if (t.len == tag.len && memcmp(t.ptr, tag.ptr, t.len) == 0) {
			return 1;
		}
	}
	return 0;
}
