/* Fuzz target: the entry file decoder of FileBackend / SimpleFileBackend
 * (src/backend/file_format.c), which reads whatever lies in the cache directory. The source
 * is included so the static header parser can be fed an exact-size heap buffer (ASAN then
 * reports any read past it). The first input byte picks a mode:
 *  0: raw header bytes in memory. An accepted header must be canonical: re-encoding what was
 *     parsed gives the same bytes; its tags are valid identifiers inside the line; payload
 *     length = size - header length.
 *  1: structured entry (kind, expiry, valid tags, payload) written with tc_entry_head_write,
 *     stored as a file and read back with tc_entry_open / tc_entry_payload: decode(encode(x))
 *     == x, also for headers longer than the first 4096-byte read.
 *  2: raw bytes as a file through tc_entry_open: never crashes, and an accepted entry obeys
 *     the mode 0 rules and yields exactly payload_len bytes.
 * Files are read back in the open mode the first byte picks (read_modes: the length checked
 * at open or with the payload, one read or to EOF); the sink is never asked for more bytes
 * than the file holds. */
#include "../../src/backend/file_format.c"

#include <stdlib.h>

#define FAIL(...) (fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())

static int dirfd_ = -1;
static char dirpath[256];

static void cleanup(void)
{
	unlinkat(dirfd_, "e.php", 0);
	rmdir(dirpath);
}

static void put_file(const char *bytes, size_t n)
{
	if (dirfd_ < 0) {
		const char *tmp = getenv("TMPDIR");
		snprintf(dirpath, sizeof(dirpath), "%s/tc-fuzz-entry-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dirpath) || (dirfd_ = open(dirpath, O_RDONLY | O_DIRECTORY)) < 0) {
			FAIL("cannot create a temp dir");
		}
		atexit(cleanup);
	}
	int fd = openat(dirfd_, "e.php", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || (n && write(fd, bytes, n) != (ssize_t)n) || close(fd) != 0) {
		FAIL("cannot write the entry file");
	}
}

typedef struct {
	char *p;
	size_t len;
} sink_buf;

static char *sink_alloc(void *ud, size_t len)
{
	sink_buf *b = ud;
	b->p = malloc(len ? len : 1);
	b->len = len;
	return b->p;
}

/* The rules every accepted header obeys; buf holds the whole header line. */
static void check_head(const tc_entry_head *h, const char *buf, size_t nl, size_t size)
{
	if ((h->kind != TC_KIND_DATA && h->kind != TC_KIND_PHP) || h->expiry < 0 ||
		h->head_len != nl + 1 || h->payload_len != size - h->head_len) {
		FAIL("accepted header with inconsistent fields");
	}
	if (h->tags < buf || h->tags + h->tags_len > buf + nl) {
		FAIL("tags point outside the header line");
	}
	size_t ntags = 0, pos = 0;
	tc_str tag;
	while (tc_entry_next_tag(h, &pos, &tag)) {
		ntags++;
	}
	tc_str *tags = malloc((ntags ? ntags : 1) * sizeof(*tags));
	pos = 0;
	for (size_t i = 0; tc_entry_next_tag(h, &pos, &tags[i]); i++) {
		if (!tc_ident_valid(tags[i].ptr, tags[i].len) || !tc_entry_has_tag(h, tags[i])) {
			FAIL("accepted an invalid tag");
		}
	}
	size_t want = tc_entry_head_size(h->kind, h->expiry, h->payload_len, tags, ntags);
	char *again = malloc(want);
	size_t got = tc_entry_head_write(again, h->kind, h->expiry, h->payload_len, tags, ntags);
	if (got != want || got != h->head_len || memcmp(again, buf, got) != 0) {
		FAIL("accepted header is not canonical: re-encoding gives other bytes");
	}
	free(again);
	free(tags);
}

static void raw_memory(const uint8_t *data, size_t size)
{
	tc_entry_file f;
	memset(&f, 0, sizeof(f));
	f.fd = -1;
	f.buf = malloc(size ? size : 1);
	if (size) {
		memcpy(f.buf, data, size);
	}
	f.n = f.size = size;
	f.size_known = 1;
	char *nl = memchr(f.buf, '\n', f.n);
	if (nl) {
		if (tc_entry_parse(&f, (size_t)(nl - f.buf)) == 0) {
			check_head(&f.head, f.buf, (size_t)(nl - f.buf), size);
		} else if (!f.reason[0]) {
			FAIL("rejected header without a reason");
		}
	}
	free(f.buf);
}

/* Reads e.php back (mode: TC_ENTRY_CHECK, or TC_ENTRY_READ whose length check comes with the
 * payload, either with TC_ENTRY_LOOP); returns the status and, on TC_OK, the payload in *pl.
 * The sink is never asked for more bytes than the file holds (a damaged length field must not
 * become an allocation). */
static tc_status read_back(tc_entry_file *f, sink_buf *pl, int mode, size_t file_size)
{
	tc_err err;
	tc_status st = tc_entry_open_mode(f, dirfd_, "e.php", "fuzz", mode, &err);
	if (st != TC_OK) {
		if (st == TC_ERR_CORRUPT && !f->reason[0]) {
			FAIL("corrupt entry without a reason");
		}
		if (st != TC_ERR_CORRUPT) {
			FAIL("tc_entry_open returned %d", (int)st);
		}
		return st;
	}
	tc_sink sink = {sink_alloc, pl, NULL};
	st = tc_entry_payload(f, &sink, "fuzz", &err);
	if (pl->p && pl->len > file_size) {
		FAIL("the sink was asked for %zu bytes of a %zu-byte file", pl->len, file_size);
	}
	if (st == TC_ERR_CORRUPT && (mode & ~TC_ENTRY_LOOP) == TC_ENTRY_READ && f->reason[0]) {
		tc_entry_close(f);
		return st;
	}
	if (st != TC_OK || pl->len != f->head.payload_len) {
		FAIL("payload of an accepted entry cannot be read");
	}
	return TC_OK;
}

static const int read_modes[] = {TC_ENTRY_CHECK, TC_ENTRY_READ, TC_ENTRY_READ | TC_ENTRY_LOOP,
                                  TC_ENTRY_CHECK | TC_ENTRY_LOOP};

static void raw_file(const uint8_t *data, size_t size, int mode)
{
	put_file((const char *)data, size);
	tc_entry_file f;
	sink_buf pl = {NULL, 0};
	if (read_back(&f, &pl, mode, size) == TC_OK) {
		check_head(&f.head, f.buf, f.head.head_len - 1, size);
		if (memcmp(pl.p, data + f.head.head_len, pl.len) != 0) {
			FAIL("payload differs from the file's bytes");
		}
		tc_entry_close(&f);
	}
	free(pl.p);
}

static void structured(const uint8_t *data, size_t size)
{
	static const char alphabet[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_%-&";
	if (size < 11) {
		return;
	}
	tc_kind kind = data[0] & 1 ? TC_KIND_PHP : TC_KIND_DATA;
	uint64_t e = 0;
	for (int i = 0; i < 8; i++) {
		e = e << 8 | data[1 + i];
	}
	int64_t expiry = (int64_t)(e >> (data[9] % 64)) & INT64_MAX;
	int mode = read_modes[data[9] >> 6]; /* the bits the shift leaves */
	unsigned ntags = data[10];
	unsigned repeat = 1 + (data[0] >> 1) % 64; /* many tags push the header past 4 KiB */
	data += 11;
	size -= 11;
	/* Tags: the next bytes mapped into the identifier alphabet, lengths 1..250. */
	size_t total = (size_t)ntags * repeat;
	tc_str *tags = malloc((total ? total : 1) * sizeof(*tags));
	char *tagbytes = malloc(total * 250 + 1);
	char *tp = tagbytes;
	size_t used = 0;
	for (unsigned i = 0; i < ntags && used < size; i++) {
		size_t len = 1 + data[used++] % 250;
		for (size_t k = 0; k < len; k++) {
			tp[k] = alphabet[(size_t)(used + k < size ? data[used + k] : k + i) % (sizeof(alphabet) - 1)];
		}
		used += len < 8 ? len : 8;
		for (unsigned r = 0; r < repeat; r++) {
			tags[i * repeat + r] = (tc_str){tp, len};
		}
		tp += len;
		total = (size_t)(i + 1) * repeat;
		if (used >= size) {
			break;
		}
	}
	if (ntags == 0 || used == 0) {
		total = 0;
	}
	const uint8_t *payload = data + (used < size ? used : size);
	size_t plen = size - (used < size ? used : size);
	size_t hs = tc_entry_head_size(kind, expiry, plen, tags, total);
	char *file = malloc(hs + plen);
	if (tc_entry_head_write(file, kind, expiry, plen, tags, total) != hs) {
		FAIL("tc_entry_head_write wrote another length than tc_entry_head_size");
	}
	memcpy(file + hs, payload, plen);
	put_file(file, hs + plen);
	tc_entry_file f;
	sink_buf pl = {NULL, 0};
	tc_status st = read_back(&f, &pl, mode, hs + plen);
	if (hs > TC_ENTRY_HEAD_MAX) {
		/* Past the documented limit a header is unreadable: corrupt, never a crash. */
		if (st != TC_ERR_CORRUPT) {
			FAIL("a %zu-byte header (limit %d) was accepted", hs, TC_ENTRY_HEAD_MAX);
		}
		free(pl.p);
		free(file);
		free(tagbytes);
		free(tags);
		return;
	}
	if (st != TC_OK) {
		FAIL("a well-formed entry of %zu header bytes and %zu tags reads as corrupt: %s", hs,
			total, f.reason);
	}
	if (f.head.kind != kind || f.head.expiry != expiry || f.head.payload_len != plen ||
		f.head.head_len != hs || (plen && memcmp(pl.p, payload, plen) != 0)) {
		FAIL("decode(encode(x)) != x");
	}
	size_t pos = 0, i = 0;
	tc_str t;
	while (tc_entry_next_tag(&f.head, &pos, &t)) {
		if (i >= total || t.len != tags[i].len || memcmp(t.ptr, tags[i].ptr, t.len) != 0) {
			FAIL("tag %zu differs after the round trip", i);
		}
		i++;
	}
	if (i != total) {
		FAIL("%zu tags written, %zu read", total, i);
	}
	tc_entry_close(&f);
	free(pl.p);
	free(file);
	free(tagbytes);
	free(tags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0) {
		return 0;
	}
	switch (data[0] % 3) {
	case 0:
		raw_memory(data + 1, size - 1);
		break;
	case 1:
		structured(data + 1, size - 1);
		break;
	default:
		raw_file(data + 1, size - 1, read_modes[(data[0] / 3) % 4]);
		break;
	}
	return 0;
}
