/* Building invalidation requests: tags and location ids split into as few header lines as
 * fit under the limit, bans from headers and paths, purges of single URLs. Every value is
 * checked before anything is appended, so a rejected call leaves the list as it was. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../tc_alloc.h"
#include "../tc_map.h"
#include "tc_http_int.h"

#define PG_DEFAULT_LIMIT 7500
#define PG_BAN_OPEN      "(^|,)("
#define PG_BAN_CLOSE     ")(,|$)"
#define PG_MATCH_ALL     ".*"
#define PG_BAN_WRAP      (sizeof(PG_BAN_OPEN) - 1 + sizeof(PG_BAN_CLOSE) - 1)

typedef struct {
	tc_tag_mode mode;
	int soft;
	const char *tags_header;
	size_t limit;
	const char *host;
	int locations; /* the values are location ids (ban mode marks such bans) */
} pg_opts;

static tc_status pg_nomem(tc_err *err)
{
	return tc_err_set(err, TC_ERR_NOMEM, "out of memory building purge requests");
}

/* Values that sit in a request line or a Host header: no blank, no control byte at all. */
static tc_status pg_check_plain(tc_str v, const char *what, const char *rule, tc_err *err)
{
	char shown[96];
	if (v.len == 0) {
		return tc_err_set(err, TC_ERR_ARG, "%s must not be empty", what);
	}
	for (size_t i = 0; i < v.len; i++) {
		unsigned char c = (unsigned char)v.ptr[i];
		if (c > 0x20 && c != 0x7f) {
			continue;
		}
		const char *name = c == '\r'   ? "a carriage return (CR)"
						   : c == '\n' ? "a line feed (LF)"
						   : c == '\0' ? "a NUL byte"
						   : c == ' '  ? "a blank"
									   : "a control character";
		tc_http_describe(v, shown, sizeof(shown));
		return tc_err_set(
			err, TC_ERR_ARG, "%s %s contains %s at byte %zu: %s", what, shown, name, i, rule);
	}
	return TC_OK;
}

static tc_status pg_resolve(const tc_purge_options *o, pg_opts *r, tc_err *err)
{
	r->mode = o ? o->mode : TC_TAGS_BAN;
	r->soft = o ? o->soft : 0;
	r->tags_header = o && o->tags_header ? o->tags_header : "X-Cache-Tags";
	r->limit = o && o->header_limit ? o->header_limit : PG_DEFAULT_LIMIT;
	r->host = o ? o->host : NULL;
	r->locations = 0;
	if (r->mode != TC_TAGS_BAN && r->mode != TC_TAGS_XKEY) {
		return tc_err_set(err, TC_ERR_ARG, "unknown tag mode %d: use ban or xkey", (int)r->mode);
	}
	tc_str name = {r->tags_header, strlen(r->tags_header)};
	if (tc_http_check_name(name, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	if (r->host) {
		return pg_check_plain((tc_str){r->host, strlen(r->host)}, "host",
			"a Host header is a host name with an optional port", err);
	}
	return TC_OK;
}

/* A header line "Name: value" must fit under the limit. */
static tc_status pg_check_line(
	const pg_opts *o, const char *name, size_t vlen, const char *what, tc_str v, tc_err *err)
{
	size_t line = strlen(name) + 2 + vlen;
	if (line <= o->limit) {
		return TC_OK;
	}
	char shown[96];
	tc_http_describe(v, shown, sizeof(shown));
	return tc_err_set(err, TC_ERR_ARG,
		"%s %s is too long: its header line \"%s: ...\" would be %zu bytes, over the header "
		"limit of %zu bytes",
		what, shown, name, line, o->limit);
}

/* A value of a ban condition (path regex, content type, host): Varnish splits the ban
 * expression on whitespace, so a blank would end the value and break (or change) the ban. */
static tc_status pg_check_ban_value(tc_str v, const char *what, tc_err *err)
{
	if (tc_http_check_value(v, what, 0, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	for (size_t i = 0; i < v.len; i++) {
		char c = v.ptr[i];
		if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
			char shown[96];
			tc_http_describe(v, shown, sizeof(shown));
			return tc_err_set(err, TC_ERR_ARG,
				"%s %s contains %s at byte %zu: Varnish splits a ban expression on whitespace, "
				"so a ban value may not contain it (match a blank with \\s)",
				what, shown, c == ' ' ? "a blank" : "whitespace", i);
		}
	}
	return TC_OK;
}

/* The fixed lines a ban adds ("X-Content-Type: .*", ...) must fit the limit like any other. */
static tc_status pg_check_fixed(const pg_opts *o, const char *line, tc_err *err)
{
	if (strlen(line) <= o->limit) {
		return TC_OK;
	}
	return tc_err_set(err, TC_ERR_ARG,
		"the header limit of %zu bytes cannot hold the line \"%s\" this ban carries", o->limit,
		line);
}

/* Keeps the first of equal values, in order; a hash keeps 10,000 tags linear. */
static tc_status pg_unique(const tc_str *in, size_t n, tc_str *uniq, size_t *nuniq, tc_err *err)
{
	tc_map seen;
	tc_map_init(&seen);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int created = 0;
		if (!tc_map_upsert(&seen, in[i].ptr, in[i].len, &created)) {
			tc_map_destroy(&seen, NULL);
			return pg_nomem(err);
		}
		if (created) {
			uniq[k++] = in[i];
		}
	}
	tc_map_destroy(&seen, NULL);
	*nuniq = k;
	return TC_OK;
}

/* FOSHttpCache's fos_ban.vcl builds every ban from X-Host, X-Url and X-Content-Type (an absent
 * one makes the ban malformed, which it answers "200 Banned" all the same): a tag ban says
 * "any" for each, as FOS's own client does. tagcache's VCL skips a condition that is exactly
 * ".*", so objects without a Content-Type stay bannable there. A location ban travels in the
 * tag header (FOS's VCL tests no other) marked X-Tagcache-Location-Ban, which tagcache's VCL
 * reads as a test of the page's X-Location-Id. */
static int pg_add_ban_headers(const pg_opts *o, tc_http_request *req)
{
	return tc_req_add_header(req, "X-Host", PG_MATCH_ALL, 2) != 0 ||
			   tc_req_add_header(req, "X-Url", PG_MATCH_ALL, 2) != 0 ||
			   tc_req_add_header(req, "X-Content-Type", PG_MATCH_ALL, 2) != 0 ||
			   (o->locations && tc_req_add_header(req, "X-Tagcache-Location-Ban", "1", 1) != 0)
			   ? -1
			   : 0;
}

/* One request carrying values [from, to) in one header whose value is vlen bytes. */
static tc_status pg_emit(const pg_opts *o, const char *name, const tc_str *v, size_t from,
	size_t to, size_t vlen, tc_request_list *out, tc_err *err)
{
	int ban = o->mode == TC_TAGS_BAN;
	char *value = tc_malloc(vlen + 1);
	if (!value) {
		return pg_nomem(err);
	}
	char *p = value;
	if (ban) {
		memcpy(p, PG_BAN_OPEN, sizeof(PG_BAN_OPEN) - 1);
		p += sizeof(PG_BAN_OPEN) - 1;
	}
	for (size_t i = from; i < to; i++) {
		if (i > from) {
			*p++ = ban ? '|' : ' ';
		}
		if (ban) {
			p = tc_regex_quote_into(p, v[i]);
		} else {
			memcpy(p, v[i].ptr, v[i].len);
			p += v[i].len;
		}
	}
	if (ban) {
		memcpy(p, PG_BAN_CLOSE, sizeof(PG_BAN_CLOSE) - 1);
		p += sizeof(PG_BAN_CLOSE) - 1;
	}
	*p = '\0';
	tc_http_request req;
	if (tc_req_init(&req, ban ? "BAN" : "PURGEKEYS", "/", 1, o->host) != 0) {
		tc_free(value);
		return pg_nomem(err);
	}
	if (tc_req_add_header(&req, name, value, (size_t)(p - value)) != 0 ||
		(ban && pg_add_ban_headers(o, &req) != 0)) {
		tc_free(value);
		tc_req_free(&req);
		return pg_nomem(err);
	}
	tc_free(value);
	return tc_req_push(out, &req, err);
}

/* Greedy split in input order: a request takes values while its line fits. */
static tc_status pg_split(const pg_opts *o, const char *name, const tc_str *v, size_t n,
	tc_request_list *out, tc_err *err)
{
	int ban = o->mode == TC_TAGS_BAN;
	size_t fixed = strlen(name) + 2 + (ban ? PG_BAN_WRAP : 0);
	size_t from = 0, line = 0;
	for (size_t i = 0; i < n; i++) {
		size_t cost = ban ? tc_regex_quoted_len(v[i]) : v[i].len;
		if (i > from && line + 1 + cost <= o->limit) {
			line += 1 + cost;
			continue;
		}
		if (i > from) {
			tc_status st = pg_emit(o, name, v, from, i, line - strlen(name) - 2, out, err);
			if (st != TC_OK) {
				return st;
			}
			from = i;
		}
		line = fixed + cost;
	}
	return n ? pg_emit(o, name, v, from, n, line - strlen(name) - 2, out, err) : TC_OK;
}

static tc_status pg_keys(const tc_purge_options *opts, const tc_str *vals, size_t n,
	const char *what, int locations, tc_request_list *out, tc_err *err)
{
	pg_opts o;
	if (pg_resolve(opts, &o, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	o.locations = locations;
	if (o.mode == TC_TAGS_BAN &&
		(pg_check_fixed(&o, "X-Content-Type: " PG_MATCH_ALL, err) != TC_OK ||
			(locations && pg_check_fixed(&o, "X-Tagcache-Location-Ban: 1", err) != TC_OK))) {
		return TC_ERR_ARG;
	}
	/* Location ids travel in the tag header: FOS's VCL (like any VCL that knows only the tag
	 * header) can match them there; in ban mode pg_add_ban_headers marks the request so that
	 * tagcache's VCL tests the page's X-Location-Id instead. In xkey mode they are keys. */
	const char *name = o.mode == TC_TAGS_XKEY ? (o.soft ? "xkey-softpurge" : "xkey-purge")
											  : o.tags_header;
	size_t fixed = (o.mode == TC_TAGS_BAN ? PG_BAN_WRAP : 0);
	for (size_t i = 0; i < n; i++) {
		if (tc_http_check_tag(vals[i], what, err) != TC_OK) {
			return TC_ERR_ARG;
		}
		size_t cost = o.mode == TC_TAGS_BAN ? tc_regex_quoted_len(vals[i]) : vals[i].len;
		if (pg_check_line(&o, name, fixed + cost, what, vals[i], err) != TC_OK) {
			return TC_ERR_ARG;
		}
	}
	if (n == 0) {
		return TC_OK;
	}
	tc_str *uniq = tc_malloc(n * sizeof(*uniq));
	if (!uniq) {
		return pg_nomem(err);
	}
	size_t nuniq = 0, keep = out->count;
	tc_status st = pg_unique(vals, n, uniq, &nuniq, err);
	if (st == TC_OK) {
		st = pg_split(&o, name, uniq, nuniq, out, err);
	}
	tc_free(uniq);
	if (st != TC_OK) {
		tc_request_list_truncate(out, keep);
	}
	return st;
}

tc_status tc_purge_tags(const tc_purge_options *opts, const tc_str *tags, size_t ntags,
	tc_request_list *out, tc_err *err)
{
	return pg_keys(opts, tags, ntags, "tag", 0, out, err);
}

tc_status tc_purge_locations(
	const tc_purge_options *opts, const tc_str *ids, size_t nids, tc_request_list *out, tc_err *err)
{
	return pg_keys(opts, ids, nids, "location id", 1, out, err);
}

/* Headers tagcache writes itself: a user value would break the request's framing. */
static int pg_reserved(const char *name)
{
	static const char *const reserved[] = {
		"Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect", "Upgrade"};
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		if (strcasecmp(name, reserved[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

tc_status tc_purge_ban(const tc_purge_options *opts, const tc_http_header *headers, size_t n,
	tc_request_list *out, tc_err *err)
{
	pg_opts o;
	if (pg_resolve(opts, &o, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	if (n == 0) {
		/* A ban without conditions would invalidate everything: say so instead. */
		return tc_err_set(err, TC_ERR_ARG, "a ban needs at least one header");
	}
	for (size_t i = 0; i < n; i++) {
		tc_str name = {headers[i].name ? headers[i].name : "", 0};
		name.len = strlen(name.ptr);
		tc_str value = {headers[i].value ? headers[i].value : "", 0};
		value.len = strlen(value.ptr);
		if (tc_http_check_name(name, err) != TC_OK) {
			return TC_ERR_ARG;
		}
		if (pg_reserved(name.ptr)) {
			return tc_err_set(err, TC_ERR_ARG,
				"header name \"%s\" is not allowed in a ban: tagcache sets it itself", name.ptr);
		}
		char what[128];
		snprintf(what, sizeof(what), "value of header %.100s", name.ptr);
		if (tc_http_check_value(value, what, 1, err) != TC_OK ||
			pg_check_line(&o, name.ptr, value.len, what, value, err) != TC_OK) {
			return TC_ERR_ARG;
		}
	}
	tc_http_request req;
	if (tc_req_init(&req, "BAN", "/", 1, o.host) != 0) {
		return pg_nomem(err);
	}
	for (size_t i = 0; i < n; i++) {
		const char *value = headers[i].value ? headers[i].value : "";
		if (tc_req_add_header(&req, headers[i].name, value, strlen(value)) != 0) {
			tc_req_free(&req);
			return pg_nomem(err);
		}
	}
	return tc_req_push(out, &req, err);
}

/* "BAN /" with X-Url, X-Content-Type and X-Host, ".*" (any) for what is not given: FOS's VCL
 * needs all three. */
static tc_status pg_ban_path_one(const pg_opts *o, tc_str path, tc_str type, const tc_str *host,
	tc_request_list *out, tc_err *err)
{
	tc_http_request req;
	if (tc_req_init(&req, "BAN", "/", 1, o->host) != 0) {
		return pg_nomem(err);
	}
	if (!type.len) {
		type = (tc_str){PG_MATCH_ALL, 2};
	}
	int failed = tc_req_add_header(&req, "X-Url", path.ptr, path.len) != 0 ||
				 tc_req_add_header(&req, "X-Content-Type", type.ptr, type.len) != 0 ||
				 (!host && tc_req_add_header(&req, "X-Host", PG_MATCH_ALL, 2) != 0);
	if (!failed && host) {
		char *v = tc_malloc(tc_regex_quoted_len(*host) + 3);
		if (!v) {
			failed = 1;
		} else {
			char *p = v;
			*p++ = '^';
			p = tc_regex_quote_into(p, *host);
			*p++ = '$';
			failed = tc_req_add_header(&req, "X-Host", v, (size_t)(p - v)) != 0;
			tc_free(v);
		}
	}
	if (failed) {
		tc_req_free(&req);
		return pg_nomem(err);
	}
	return tc_req_push(out, &req, err);
}

tc_status tc_purge_ban_path(const tc_purge_options *opts, tc_str path_regex, tc_str content_type,
	const tc_str *hosts, size_t nhosts, tc_request_list *out, tc_err *err)
{
	pg_opts o;
	if (pg_resolve(opts, &o, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	if (pg_check_ban_value(path_regex, "path regex", err) != TC_OK ||
		pg_check_line(&o, "X-Url", path_regex.len, "path regex", path_regex, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	if (content_type.len && (pg_check_ban_value(content_type, "content type", err) != TC_OK ||
								pg_check_line(&o, "X-Content-Type", content_type.len,
									"content type", content_type, err) != TC_OK)) {
		return TC_ERR_ARG;
	}
	if ((!content_type.len && pg_check_fixed(&o, "X-Content-Type: " PG_MATCH_ALL, err) != TC_OK) ||
		(!nhosts && pg_check_fixed(&o, "X-Host: " PG_MATCH_ALL, err) != TC_OK)) {
		return TC_ERR_ARG;
	}
	for (size_t i = 0; i < nhosts; i++) {
		if (pg_check_ban_value(hosts[i], "host", err) != TC_OK ||
			pg_check_line(&o, "X-Host", tc_regex_quoted_len(hosts[i]) + 2, "host", hosts[i], err) !=
				TC_OK) {
			return TC_ERR_ARG;
		}
	}
	size_t keep = out->count;
	tc_status st = TC_OK;
	if (nhosts == 0) {
		st = pg_ban_path_one(&o, path_regex, content_type, NULL, out, err);
	}
	for (size_t i = 0; i < nhosts && st == TC_OK; i++) {
		st = pg_ban_path_one(&o, path_regex, content_type, &hosts[i], out, err);
	}
	if (st != TC_OK) {
		tc_request_list_truncate(out, keep);
	}
	return st;
}

/* Splits an absolute URL into Host header and target; rejects what is not plain http. */
static tc_status pg_split_url(
	tc_str url, const char *shown, tc_str *authority, tc_str *rest, tc_err *err)
{
	size_t s = 0;
	while (s < url.len &&
		   ((url.ptr[s] >= 'a' && url.ptr[s] <= 'z') || (url.ptr[s] >= 'A' && url.ptr[s] <= 'Z') ||
			   (s > 0 && strchr("0123456789+-.", url.ptr[s]))))
		s++;
	if (s == 0 || s + 3 > url.len || memcmp(url.ptr + s, "://", 3) != 0) {
		return tc_err_set(err, TC_ERR_ARG,
			"URL %s is neither a path starting with \"/\" nor an http:// URL", shown);
	}
	if (s == 5 && strncasecmp(url.ptr, "https", 5) == 0) {
		return tc_err_set(err, TC_ERR_ARG,
			"URL %s uses https: a proxy is purged over plain HTTP; give the URL as http:// "
			"(the request goes to the proxy's own address) or as a path",
			shown);
	}
	if (s != 4 || strncasecmp(url.ptr, "http", 4) != 0) {
		return tc_err_set(err, TC_ERR_ARG,
			"URL %s has the scheme \"%.*s\": only http:// URLs or paths can be purged", shown,
			(int)(s > 20 ? 20 : s), url.ptr);
	}
	size_t a = s + 3, e = a;
	while (e < url.len && url.ptr[e] != '/' && url.ptr[e] != '?' && url.ptr[e] != '#') {
		if (url.ptr[e] == '@') {
			return tc_err_set(err, TC_ERR_ARG,
				"URL %s carries user information, which a purge cannot use", shown);
		}
		e++;
	}
	if (e == a) {
		return tc_err_set(err, TC_ERR_ARG, "URL %s has no host", shown);
	}
	*authority = (tc_str){url.ptr + a, e - a};
	*rest = (tc_str){url.ptr + e, url.len - e};
	return TC_OK;
}

tc_status tc_purge_url(
	const tc_purge_options *opts, tc_str url, int refresh, tc_request_list *out, tc_err *err)
{
	pg_opts o;
	if (pg_resolve(opts, &o, err) != TC_OK ||
		pg_check_plain(url, "URL", "a URL is sent as it is, so encode such bytes as %XX", err) !=
			TC_OK) {
		return TC_ERR_ARG;
	}
	char shown[96];
	tc_http_describe(url, shown, sizeof(shown));
	tc_str authority = {NULL, 0}, rest = url;
	if (url.ptr[0] != '/' && pg_split_url(url, shown, &authority, &rest, err) != TC_OK) {
		return TC_ERR_ARG;
	}
	/* The fragment is the client's business; a proxy never sees one. */
	const char *hash = memchr(rest.ptr, '#', rest.len);
	if (hash) {
		rest.len = (size_t)(hash - rest.ptr);
	}
	/* "http://host?q" has an empty path, which HTTP spells "/". */
	int slash = rest.len == 0 || rest.ptr[0] != '/';
	char *target = tc_malloc(rest.len + 2);
	char *host = authority.ptr ? tc_strndup(authority.ptr, authority.len) : NULL;
	if (!target || (authority.ptr && !host)) {
		tc_free(target);
		tc_free(host);
		return pg_nomem(err);
	}
	target[0] = '/';
	memcpy(target + slash, rest.ptr, rest.len);
	target[slash + rest.len] = '\0';
	tc_http_request req;
	int failed = tc_req_init(&req, refresh ? "GET" : "PURGE", target, slash + rest.len,
					 host ? host : o.host) != 0 ||
				 (refresh && tc_req_add_header(&req, "Cache-Control", "no-cache", 8) != 0);
	tc_free(target);
	tc_free(host);
	if (failed) {
		tc_req_free(&req);
		return pg_nomem(err);
	}
	return tc_req_push(out, &req, err);
}
