/* The entry file format shared by FileBackend and SimpleFileBackend.
 *
 * An entry is one file data/<id>.php: a single header line, then the payload bytes.
 *
 *   PHP entry:  "<?php //tagcache1 P <expiry> <payloadlen>[ <tag>]*\n" <code>
 *   data entry: "<?php __halt_compiler(); tagcache1 D <expiry> <payloadlen>[ <tag>]*\n" <bytes>
 *
 * - expiry: absolute Unix seconds, 0 = never; payloadlen: payload bytes after the '\n'.
 * - Both are plain decimal; tags follow the identifier rule, separated by one space.
 * - A PHP entry can be included by the engine directly: the header is a line comment, and tags
 *   cannot contain "?>" so the comment never ends early.
 * - A data entry stops the PHP compiler before the payload, so even a web server that executes
 *   the file reveals nothing and runs nothing.
 * - A file whose header does not parse, or whose size is not header + payloadlen, is corrupt.
 * Files are only ever replaced by rename(), never rewritten in place, so a reader holding a
 * descriptor sees one complete version. */
#ifndef TC_FILE_FORMAT_H
#define TC_FILE_FORMAT_H

#include <stdint.h>

#include "../tc_status.h"
#include "../tc_types.h"

/* First read of an entry; small entries are read whole in one go. */
#define TC_ENTRY_CHUNK 4096
/* Longest header line accepted (a header with very many tags goes to the heap). */
#define TC_ENTRY_HEAD_MAX (1024 * 1024)
/* "<id>.php" plus NUL. */
#define TC_ENTRY_NAME_MAX 256

typedef struct {
	tc_kind kind;
	int64_t expiry;
	size_t payload_len;
	size_t head_len;  /* header line including its '\n' */
	const char *tags; /* space-separated tags inside the header line */
	size_t tags_len;
} tc_entry_head;

typedef struct {
	int fd;
	char *buf;    /* first bytes of the file: stack or heap */
	char *heap;
	size_t n;     /* bytes of the file in buf */
	size_t size;  /* file size, when size_known */
	int size_known; /* the length was checked against the file (else tc_entry_payload does) */
	tc_entry_head head;
	char reason[160]; /* why the entry is corrupt */
	char stack[TC_ENTRY_CHUNK];
} tc_entry_file;

/* Writes "<id>.php" into name (TC_ENTRY_NAME_MAX bytes). */
void tc_entry_name(char *name, tc_str id);

/* Length of the header line for these values (including '\n'). */
size_t tc_entry_head_size(tc_kind kind, int64_t expiry, size_t payload_len, const tc_str *tags,
                          size_t ntags);
/* TC_OK when the header line for these values fits TC_ENTRY_HEAD_MAX, the most a reader reads
 * back; else TC_ERR_ARG naming the entry, the size and the rule (writers refuse such an entry
 * before touching the old one). */
tc_status tc_entry_head_check(tc_str id, tc_kind kind, int64_t expiry, size_t payload_len,
                              const tc_str *tags, size_t ntags, tc_err *err);
/* Writes the header line into buf (at least tc_entry_head_size bytes); returns its length. */
size_t tc_entry_head_write(char *buf, tc_kind kind, int64_t expiry, size_t payload_len,
                           const tc_str *tags, size_t ntags);

/* How much tc_entry_open_mode checks before it returns. A first read that returns fewer
 * bytes than asked is at the end of the (regular) file, so an entry shorter than
 * TC_ENTRY_CHUNK costs openat + one read in every mode, its length checked for free. */
enum {
	TC_ENTRY_CHECK, /* header and length checked (fstat only when the first read filled the
	                   chunk); the descriptor stays open */
	TC_ENTRY_READ,  /* for tc_entry_payload, which checks the length of a longer entry as it
	                   reads the rest (no fstat, no read to EOF): it may return TC_ERR_CORRUPT */
	TC_ENTRY_HEAD,  /* header only: the descriptor is closed before returning; the length of
	                   an entry longer than the first chunk is not checked */
	/* Or'ed into a mode on file systems whose reads may come back short before the end
	 * (network ones: tc_fstore's flock_mode): the first chunk is read until full or EOF, so
	 * "short means EOF" holds there too; longer entries have their size checked by fstat. */
	TC_ENTRY_LOOP = 0x100
};

/* Opens data entry `name` below dirfd and parses its header.
 * TC_OK: f->head is valid (the entry may be expired), call tc_entry_close.
 * TC_MISS: no such entry. TC_ERR_CORRUPT: f->reason says why. TC_ERR_IO: err says why.
 * On anything but TC_OK, f holds nothing to close. tc_entry_open is TC_ENTRY_CHECK. */
tc_status tc_entry_open_mode(tc_entry_file *f, int dirfd, const char *name, const char *display,
                             int mode, tc_err *err);
tc_status tc_entry_open(tc_entry_file *f, int dirfd, const char *name, const char *display,
                        tc_err *err);
/* The header only (TC_ENTRY_HEAD): one read when the header line fits the first chunk. */
tc_status tc_entry_open_head(tc_entry_file *f, int dirfd, const char *name, const char *display,
                             tc_err *err);
/* Copies the payload of an opened entry through sink (one copy at most), reading the rest of a
 * long entry straight into the sink's buffer. TC_ERR_CORRUPT (f->reason says why; whatever the
 * sink allocated is the caller's to drop) when a TC_ENTRY_READ entry turns out shorter or longer
 * than its header says. */
tc_status tc_entry_payload(tc_entry_file *f, const tc_sink *sink, const char *display,
                           tc_err *err);
/* For an entry opened without its length checked (TC_ENTRY_READ) that will not be read: one
 * fstat when the first read did not prove the length. TC_ERR_CORRUPT (f->reason) on a
 * mismatch; TC_OK when it matches or cannot be told. */
tc_status tc_entry_verify(tc_entry_file *f);
void tc_entry_close(tc_entry_file *f);

/* Iterates the tags of a header: returns 1 and sets *tag while there are more. */
int tc_entry_next_tag(const tc_entry_head *h, size_t *pos, tc_str *tag);
int tc_entry_has_tag(const tc_entry_head *h, tc_str tag);

#endif
