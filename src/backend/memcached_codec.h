/* MemcachedBackend's pure parts, kept apart from libmemcached so unit tests need no server:
 * key building (hashed when too long for memcached), the entry format with its version stamp
 * (cache generation and the versions of its tags at write time), server address parsing and
 * fresh counter values. */
#ifndef TC_MEMCACHED_CODEC_H
#define TC_MEMCACHED_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "../tc_status.h"
#include "../tc_types.h"

/* memcached's key length limit (text and binary protocol). */
#define TC_MC_KEY_MAX 250

/* Key kinds: the cache's generation, a tag's version counter, an entry, a tag index. */
enum { TC_MC_GEN = 'g', TC_MC_TAG = 't', TC_MC_ENTRY = 'e', TC_MC_INDEX = 'i' };

/* Writes "tc:<ns>:<kind>[:<name>][:<suffix>]" and a NUL into out and returns its length. When
 * that exceeds TC_MC_KEY_MAX the key is "tc:h:<kind>:" followed by the SHA-1 of the full key
 * (a collision would need SHA-1 to collide; entries still keep their identifier to check). */
size_t tc_mc_key(char out[TC_MC_KEY_MAX + 1], tc_str ns, char kind, tc_str name, tc_str suffix);

/* Entry flags. */
enum { TC_MC_ZLIB = 1 };

/* A decoded entry; every tc_str points into the bytes decoded. */
typedef struct {
	char kind;           /* TC_KIND_DATA or TC_KIND_PHP */
	unsigned flags;      /* TC_MC_ZLIB: payload is zlib data inflating to raw_len bytes */
	uint64_t generation; /* the cache's generation at write time */
	uint64_t raw_len;    /* payload length once inflated */
	tc_str id;
	size_t ntags;
	const char *tags;    /* ntags records, read with tc_mc_next_tag */
	tc_str payload;
} tc_mc_entry;

/* Bytes the header of an entry with these tags takes (the payload follows it). */
size_t tc_mc_header_len(tc_str id, const tc_str *tags, size_t ntags);
/* Writes the header (tc_mc_header_len bytes) into out. versions[i] belongs to tags[i]. */
void tc_mc_header_write(char *out, char kind, unsigned flags, uint64_t generation, uint64_t raw_len,
                        tc_str id, const tc_str *tags, const uint64_t *versions, size_t ntags);
/* TC_OK, or TC_ERR_CORRUPT with the reason in err (truncated, bad magic, lengths). */
tc_status tc_mc_decode(const char *buf, size_t len, tc_mc_entry *e, tc_err *err);
/* Reads the tag record at *p (inside a decoded entry) and moves *p past it. */
void tc_mc_next_tag(const char **p, tc_str *name, uint64_t *version);

/* A counter value as memcached keeps it (decimal ASCII); 0 when it is not one. */
int tc_mc_parse_counter(const char *s, size_t len, uint64_t *out);
/* A fresh counter value: 63 random bits, so a counter that was evicted and is created again
 * does not come back with a value an entry stored (chance ~ versions in use / 2^63). */
uint64_t tc_mc_fresh_counter(void);

/* A server address: "host:port", "host" (port 11211), "[v6]:port", "unix:///path" or "/path".
 * host (NUL-terminated, host_size bytes) gets the host or the socket path; *port 0 for a
 * socket. 0 when s breaks the rule. */
#define TC_MC_SERVER_RULE                                                                                   \
	"\"host:port\", \"host\" (port 11211), \"[v6]:port\", \"[v6]\", \"unix:///absolute/path\" or \"/absolute/path\""
int tc_mc_parse_server(const char *s, size_t len, char *host, size_t host_size, unsigned *port);

#endif
