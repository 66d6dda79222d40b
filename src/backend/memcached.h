/* MemcachedBackend: entries on one or more memcached servers (libmemcached), with tags that
 * stay correct when memcached evicts anything (version counters, see TECHNOTES.md). */
#ifndef TC_MEMCACHED_H
#define TC_MEMCACHED_H

#include "../tc_backend.h"

typedef struct {
	const char *const *servers; /* addresses as tc_mc_parse_server reads them (at least one) */
	size_t nservers;
	const char *name_space;     /* "<applicationIdentifier>:<cache identifier>" (required) */
	int64_t default_lifetime;   /* seconds; 0 = unlimited */
	int compression;            /* zlib for payloads of 256 bytes and more */
	unsigned connect_timeout_ms; /* default 1000 */
	unsigned read_timeout_ms;   /* default 1000 */
} tc_memcached_options;

/* Tags, lifetimes, PHP entries as code. Not iterable, not freezable. Connects lazily. */
tc_status tc_memcached_backend_new(const tc_memcached_options *opts, tc_backend **out, tc_err *err);

#endif
