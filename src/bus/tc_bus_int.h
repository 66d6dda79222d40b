/* Private helpers of the bus core (the .c files of src/bus/): a growing byte buffer for the encoders, the
 * wire format's limits, and small Redis reply helpers shared by the stream, info and outbox
 * files. Not for ext/. */
#ifndef TC_BUS_INT_H
#define TC_BUS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "tc_bus.h"

/* Wire format (all integers big-endian, fixed width, so every value has exactly one encoding
 * and equal messages give equal bytes):
 *   message  = version:u8 body
 *   body     = op:u8 flags:u8 [cache:str if flags&HAS_CACHE] entry:str nargs:u32 arg:str*
 *   batch    = version:u8 app:str published_ms:u64 nmsgs:u32 (len:u32 body)*
 *   str      = len:u32 bytes */
#define TC_BUS_VERSION 1u
#define TC_BUS_F_PERSISTENT 1u
#define TC_BUS_F_HAS_CACHE 2u
#define TC_BUS_MAX_ARGS 100000u
#define TC_BUS_MAX_STR (64u * 1024u)
#define TC_BUS_MAX_MSG (4u * 1024u * 1024u)
#define TC_BUS_MAX_BATCH (16u * 1024u * 1024u)

typedef struct {
	char *p;
	size_t len, cap;
	int oom;
} tc_bus_buf;

void tc_bus_buf_u8(tc_bus_buf *b, unsigned v);
void tc_bus_buf_u32(tc_bus_buf *b, uint32_t v);
void tc_bus_buf_u64(tc_bus_buf *b, uint64_t v);
void tc_bus_buf_bytes(tc_bus_buf *b, const void *p, size_t n);
void tc_bus_buf_str(tc_bus_buf *b, const char *p, size_t n);

/* Redis reply helpers (tc_bus_stream.c). */
struct redisReply;
/* 1 when r is an error reply starting with prefix (e.g. "NOGROUP", "BUSYGROUP"). */
int tc_bus_reply_is_error(const struct redisReply *r, const char *prefix);
/* The reply's string (status, string, or verb) into dst (size TC_BUS_ID_MAX): 0, else -1. */
int tc_bus_reply_id(const struct redisReply *r, char dst[TC_BUS_ID_MAX]);
/* Parses "<ms>-<seq>": 0, else -1. */
int tc_bus_id_parse(const char *id, uint64_t *ms, uint64_t *seq);
/* 1 when a > b, 0 when equal, -1 when a < b (ids both valid). */
int tc_bus_id_cmp(const char *a, const char *b);

/* Outbox helpers (tc_bus_outbox.c): "<stream><mid><proxy>" malloc'd (NULL and err set when
 * proxy is empty or memory is out; proxy NULL: no proxy part), and a score's first_ms. */
char *tc_bus_outbox_key(tc_bus_stream *s, const char *mid, const char *proxy, tc_err *err);
uint64_t tc_bus_outbox_score_ms(const char *score);

#endif
