/* Invalidation requests for reverse proxies (Varnish): building them from tags, locations,
 * URLs and ban expressions, and sending every request to every proxy at once.
 *
 * Building (tc_purge.c) never touches the network; sending (tc_send.c) is the only place that
 * knows libevent. Nothing here prints or keeps global state. */
#ifndef TC_HTTP_H
#define TC_HTTP_H

#include <stddef.h>

#include "../tc_status.h"
#include "../tc_types.h"

/* ---- requests ---------------------------------------------------------------------------- */

typedef struct {
	char *name;
	char *value;
} tc_http_header;

/* One HTTP request, owned (all strings malloc'ed through tc_alloc). The Host header is
 * `host` when set, else the proxy's address. */
typedef struct {
	char *method; /* "BAN", "PURGE", "PURGEKEYS", "GET" */
	char *target; /* request target: "/" or a path with query, never a full URL */
	char *host;   /* Host header value, or NULL */
	tc_http_header *headers;
	size_t nheaders;
} tc_http_request;

typedef struct {
	tc_http_request *items;
	size_t count;
	size_t cap;
} tc_request_list;

void tc_request_list_init(tc_request_list *list);
void tc_request_list_free(tc_request_list *list);

typedef enum { TC_TAGS_BAN = 0, TC_TAGS_XKEY = 1 } tc_tag_mode;

typedef struct {
	tc_tag_mode mode;         /* default TC_TAGS_BAN */
	int soft;                 /* xkey: xkey-softpurge instead of xkey-purge */
	const char *tags_header;  /* ban mode: header the proxy matches tags in (default "X-Cache-Tags") */
	size_t header_limit;      /* bytes of one header line, "Name: value", default 7500 */
	const char *host;         /* Host header of every request, NULL = the proxy's address */
} tc_purge_options;

/* Tags (or location ids) -> requests, appended to out. Duplicates are dropped first, then the
 * values are split into as few requests as fit under header_limit:
 * - ban mode: "BAN /" with "<tags_header>: (^|,)(t1|t2|...)(,|$)", every value regex-quoted
 *   (metacharacters escaped), so "post-1" never matches "post-10", plus "X-Host: .*",
 *   "X-Url: .*" and "X-Content-Type: .*", which FOSHttpCache's fos_ban.vcl needs;
 * - xkey mode: "PURGEKEYS /" with "xkey-purge: t1 t2" (or xkey-softpurge).
 * Location ids travel as tags in both modes (the same header), so a VCL that knows only the
 * tag header (FOS's) can match them; in ban mode with "X-Tagcache-Location-Ban: 1", which
 * tagcache's VCL reads as a test of the page's X-Location-Id instead of its tags. Rejected with TC_ERR_ARG naming the value and the rule:
 * what tc_http_check_tag refuses; a single value that cannot fit under header_limit on its
 * own. */
tc_status tc_purge_tags(const tc_purge_options *opts, const tc_str *tags, size_t ntags,
                        tc_request_list *out, tc_err *err);
tc_status tc_purge_locations(const tc_purge_options *opts, const tc_str *ids, size_t nids,
                             tc_request_list *out, tc_err *err);

/* "BAN /" with the given headers as they are (name/value pairs validated: token names, no CR/LF/NUL). */
tc_status tc_purge_ban(const tc_purge_options *opts, const tc_http_header *headers, size_t n,
                       tc_request_list *out, tc_err *err);
/* "BAN /" with X-Url: <path_regex>, X-Content-Type: <content_type> (".*" when not given) and,
 * per host, X-Host: ^<quoted host>$ (one request per host; none = "X-Host: .*"). A value with
 * whitespace is refused: Varnish splits a ban expression on it. */
tc_status tc_purge_ban_path(const tc_purge_options *opts, tc_str path_regex, tc_str content_type,
                            const tc_str *hosts, size_t nhosts, tc_request_list *out, tc_err *err);
/* "PURGE <target>" (refresh = 0) or "GET <target>" with Cache-Control: no-cache (refresh = 1).
 * url is a path ("/a?b") or an absolute http:// URL whose host becomes the Host header. */
tc_status tc_purge_url(const tc_purge_options *opts, tc_str url, int refresh, tc_request_list *out,
                       tc_err *err);

/* Merges identical requests (same method, target, host and headers), keeping the first. */
void tc_request_list_dedupe(tc_request_list *list);

/* Serialises one request as HTTP/1.1 bytes (with "Connection: close" unless keep_alive).
 * Returns a tc_malloc'ed buffer and its length in *len. */
char *tc_http_request_bytes(const tc_http_request *req, const char *default_host, int keep_alive,
                            size_t *len);

/* ---- checks (one implementation, shared by src/http/ and ext/) ------------------------- */

/* Writes v printable-escaped and quoted ("a\r\nb"), cut near 80 bytes with "...". */
void tc_http_describe(tc_str v, char *buf, size_t size);
/* Header value rule, always: not empty (unless allow_empty), no CR, LF or NUL.
 * what names the value in the message ("tag", "header X-Foo"). */
tc_status tc_http_check_value(tc_str v, const char *what, int allow_empty, tc_err *err);
/* Header name rule (RFC 7230 token). */
tc_status tc_http_check_name(tc_str name, tc_err *err);
int tc_http_is_token(tc_str s);
/* The tag rule of every entry point (the response tagger, ban mode and xkey mode alike): not
 * empty, no comma and no whitespace or NUL byte. Commas separate tags in the tag header,
 * blanks separate xkey keys, and Varnish's ban parser splits its expression on whitespace, so
 * such a tag could never be matched exactly. Location ids follow the same rule (they travel as
 * tags). `what` names the value ("Tag", "location id"). */
tc_status tc_http_check_tag(tc_str v, const char *what, tc_err *err);

/* ---- sending ----------------------------------------------------------------------------- */

typedef struct {
	const char *host; /* IP literal or name resolved by the system; loopback in tests */
	unsigned port;
} tc_proxy;

typedef enum {
	TC_SEND_OK = 0,       /* 2xx answer */
	TC_SEND_UNREACHABLE,  /* connect refused, no route, connect timeout, DNS failure */
	TC_SEND_BAD_RESPONSE, /* an answer, but not 2xx, or not HTTP */
	TC_SEND_TIMEOUT       /* connected, no complete answer within the total timeout */
} tc_send_outcome;

typedef struct {
	size_t request;       /* index into the request array */
	size_t proxy;         /* index into the proxy array */
	tc_send_outcome outcome;
	int status;           /* HTTP status when one was read, else 0 */
	char reason[256];     /* human-readable cause: "Connection refused", "HTTP 400 Bad Request" */
} tc_send_result;

typedef struct {
	unsigned connect_timeout_ms; /* default 1000 */
	unsigned total_timeout_ms;   /* whole send, default 5000 */
	unsigned max_connections;    /* in flight at once over all proxies, default 64 */
} tc_send_options;

/* Sends every request to every proxy, all in parallel (bounded by max_connections), and fills
 * results[nreqs * nproxies] (request-major: results[r * nproxies + p]). One dead proxy never
 * stops the others. Returns TC_OK when the run completed (whatever the outcomes); an error
 * only when nothing could be attempted (out of memory, no event base). */
tc_status tc_http_send(const tc_send_options *opts, const tc_proxy *proxies, size_t nproxies,
                       const tc_http_request *reqs, size_t nreqs, tc_send_result *results,
                       tc_err *err);

/* One (request, proxy) pair of tc_http_send_pairs: indexes into its arrays. */
typedef struct {
	size_t request;
	size_t proxy;
} tc_send_pair;

/* As tc_http_send, for the given pairs only: results[i] belongs to pairs[i]. */
tc_status tc_http_send_pairs(const tc_send_options *opts, const tc_proxy *proxies, size_t nproxies,
                             const tc_http_request *reqs, const tc_send_pair *pairs, size_t npairs,
                             tc_send_result *results, tc_err *err);

/* Proxies whose addresses were looked up once, ahead of sending. A process forked from one
 * that may have other threads must not call the resolver (getaddrinfo can take NSS locks a
 * thread held at the fork): the parent resolves, the child sends to these addresses only.
 * A proxy that could not be resolved keeps its error and fails each send with it. */
typedef struct tc_resolved tc_resolved;

/* NULL only when out of memory. */
tc_resolved *tc_http_resolve(const tc_proxy *proxies, size_t nproxies);
void tc_http_resolved_free(tc_resolved *resolved);

/* As tc_http_send_pairs, to the proxies of `resolved` (pairs index them), resolving nothing. */
tc_status tc_http_send_pairs_resolved(const tc_send_options *opts, const tc_resolved *resolved,
                                      const tc_http_request *reqs, const tc_send_pair *pairs,
                                      size_t npairs, tc_send_result *results, tc_err *err);

#endif
