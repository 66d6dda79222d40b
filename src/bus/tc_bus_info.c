/* What the stream and its groups look like (XINFO STREAM, XINFO GROUPS), the gap check built
 * on it, and the trim to the oldest entry some group still needs.
 *
 * Gap: entries a group never read were trimmed. Redis 7.0's MAXLEN trimming does not keep
 * max-deleted-entry-id reliable, so the check counts instead: entries-added - length entries
 * were ever removed (always from the head); a group that read entries-read of them has lost
 * some when more were removed than it read. When Redis does not know entries-read (after a
 * SETID to an arbitrary id), ids decide: the group lost entries when the stream lost any and
 * its first remaining entry comes after the one following the group's last delivered id (this
 * can report a gap that is none, when ids were not consecutive: a needless flush, never a
 * missed clear). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tc_bus_int.h"
#include "../tc_alloc.h"

static const redisReply *field(const redisReply *r, const char *name)
{
	if (!r || r->type != REDIS_REPLY_ARRAY) {
		return NULL;
	}
	for (size_t k = 0; k + 1 < r->elements; k += 2) {
		const redisReply *key = r->element[k];
		if ((key->type == REDIS_REPLY_STRING || key->type == REDIS_REPLY_STATUS) &&
			key->len == strlen(name) && memcmp(key->str, name, key->len) == 0) {
			return r->element[k + 1];
		}
	}
	return NULL;
}

/* An integer field, or dflt when missing or nil. */
static int64_t int_field(const redisReply *r, const char *name, int64_t dflt)
{
	const redisReply *v = field(r, name);
	return v && v->type == REDIS_REPLY_INTEGER ? (int64_t)v->integer : dflt;
}

static void id_field(const redisReply *r, const char *name, char dst[TC_BUS_ID_MAX])
{
	if (tc_bus_reply_id(field(r, name), dst) != 0) {
		dst[0] = '\0';
	}
}

static void id_next(const char *id, char dst[TC_BUS_ID_MAX])
{
	uint64_t ms = 0, seq = 0;
	tc_bus_id_parse(id, &ms, &seq);
	if (seq == UINT64_MAX) {
		ms++, seq = 0;
	} else {
		seq++;
	}
	snprintf(dst, TC_BUS_ID_MAX, "%" PRIu64 "-%" PRIu64, ms, seq);
}

/* Fills out; names (when not NULL) receives each group's full name, in order. */
static tc_status info_load(tc_bus_stream *s, tc_bus_stream_info *out, tc_strlist *names, tc_err *err)
{
	memset(out, 0, sizeof(*out));
	const char *argv[] = {"XINFO", "STREAM", s->stream};
	redisReply *r;
	tc_status st = tc_redis_command(s->link, TC_REDIS_IDEMPOTENT, 3, argv, NULL, &r, err);
	if (st != TC_OK) {
		return st;
	}
	if (r->type == REDIS_REPLY_ERROR && r->str && strstr(r->str, "no such key")) {
		freeReplyObject(r);
		return TC_OK;
	}
	if (r->type != REDIS_REPLY_ARRAY) {
		st = tc_redis_reply_error(s->link, r, "XINFO STREAM", err);
		freeReplyObject(r);
		return st;
	}
	out->exists = 1;
	out->length = (uint64_t)int_field(r, "length", 0);
	int64_t added = int_field(r, "entries-added", -1);
	id_field(r, "last-generated-id", out->last_id);
	id_field(r, "max-deleted-entry-id", out->max_deleted_id);
	const redisReply *first = field(r, "first-entry");
	if (first && first->type == REDIS_REPLY_ARRAY && first->elements >= 1 &&
		tc_bus_reply_id(first->element[0], out->first_id) == 0) {
	} else {
		out->first_id[0] = '\0';
	}
	freeReplyObject(r);

	const char *gargv[] = {"XINFO", "GROUPS", s->stream};
	st = tc_redis_command(s->link, TC_REDIS_IDEMPOTENT, 3, gargv, NULL, &r, err);
	if (st != TC_OK) {
		return st;
	}
	if (r->type != REDIS_REPLY_ARRAY) {
		st = tc_redis_reply_error(s->link, r, "XINFO GROUPS", err);
		freeReplyObject(r);
		return st;
	}
	if (r->elements) {
		out->groups = tc_calloc(r->elements, sizeof(*out->groups));
		if (!out->groups) {
			freeReplyObject(r);
			return tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory for %zu groups", r->elements);
		}
	}
	/* Where the first entry still there is (or would be, for an empty stream). */
	char head[TC_BUS_ID_MAX];
	if (out->first_id[0]) {
		memcpy(head, out->first_id, sizeof(head));
	} else {
		id_next(out->last_id[0] ? out->last_id : "0-0", head);
	}
	int64_t removed = added >= 0 && (uint64_t)added > out->length ? added - (int64_t)out->length : 0;
	for (size_t i = 0; i < r->elements; i++) {
		const redisReply *g = r->element[i];
		const redisReply *name = field(g, "name");
		tc_bus_group_info *gi = &out->groups[out->ngroups];
		if (!name || name->type != REDIS_REPLY_STRING) {
			continue;
		}
		/* A foreign group's long name is cut on a character boundary, never refused. */
		size_t n = name->len < sizeof(gi->name) ? name->len : sizeof(gi->name) - 1;
		while (n < name->len && n > 0 && ((unsigned char)name->str[n] & 0xC0) == 0x80) {
			n--;
		}
		memcpy(gi->name, name->str, n);
		gi->name[n] = '\0';
		gi->pending = (uint64_t)int_field(g, "pending", 0);
		gi->lag = int_field(g, "lag", -1);
		id_field(g, "last-delivered-id", gi->last_delivered);
		int64_t read = int_field(g, "entries-read", -1);
		if (read >= 0) {
			gi->gap = removed > read;
		} else {
			char next[TC_BUS_ID_MAX];
			id_next(gi->last_delivered[0] ? gi->last_delivered : "0-0", next);
			gi->gap = removed > 0 && tc_bus_id_cmp(head, next) > 0;
		}
		if (names && tc_strlist_add(names, name->str, name->len) != 0) {
			freeReplyObject(r);
			tc_bus_info_free(out);
			return tc_err_set(err, TC_ERR_NOMEM, "bus: out of memory for group names");
		}
		out->ngroups++;
	}
	freeReplyObject(r);
	return TC_OK;
}

tc_status tc_bus_info(tc_bus_stream *s, tc_bus_stream_info *out, tc_err *err)
{
	return info_load(s, out, NULL, err);
}

void tc_bus_info_free(tc_bus_stream_info *i)
{
	tc_free(i->groups);
	i->groups = NULL;
	i->ngroups = 0;
}

tc_status tc_bus_gap_check(tc_bus_stream *s, const char *node, int *gap,
	char resume_id[TC_BUS_ID_MAX], tc_err *err)
{
	*gap = 0;
	resume_id[0] = '\0';
	if (!node || !*node) {
		return tc_err_set(err, TC_ERR_ARG, "bus: the node name must not be empty");
	}
	tc_bus_stream_info in;
	tc_strlist names;
	tc_strlist_init(&names);
	tc_status st = info_load(s, &in, &names, err);
	if (st != TC_OK) {
		tc_strlist_free(&names);
		return st;
	}
	if (in.exists) {
		size_t pos = 0, i = 0;
		tc_str nm;
		int found = 0;
		while (tc_strlist_next(&names, &pos, &nm)) {
			if (nm.len == strlen(node) && memcmp(nm.ptr, node, nm.len) == 0) {
				found = 1;
				*gap = in.groups[i].gap;
				break;
			}
			i++;
		}
		if (!found) {
			*gap = 1; /* the stream was recreated (or the group deleted) */
		}
		memcpy(resume_id, in.last_id[0] ? in.last_id : "0-0", TC_BUS_ID_MAX);
	}
	tc_strlist_free(&names);
	tc_bus_info_free(&in);
	return TC_OK;
}

tc_status tc_bus_trim(tc_bus_stream *s, uint64_t *removed, tc_err *err)
{
	*removed = 0;
	tc_bus_stream_info in;
	tc_strlist names;
	tc_strlist_init(&names);
	tc_status st = info_load(s, &in, &names, err);
	char min[TC_BUS_ID_MAX] = "";
	size_t pos = 0;
	tc_str nm;
	for (size_t i = 0; st == TC_OK && tc_strlist_next(&names, &pos, &nm); i++) {
		char need[TC_BUS_ID_MAX];
		id_next(in.groups[i].last_delivered[0] ? in.groups[i].last_delivered : "0-0", need);
		if (in.groups[i].pending) {
			const char *argv[] = {"XPENDING", s->stream, nm.ptr};
			size_t lens[] = {8, strlen(s->stream), nm.len};
			redisReply *r;
			st = tc_redis_command(s->link, TC_REDIS_IDEMPOTENT, 3, argv, lens, &r, err);
			if (st != TC_OK) {
				break;
			}
			if (r->type == REDIS_REPLY_ARRAY && r->elements >= 2 &&
				r->element[1]->type == REDIS_REPLY_STRING) {
				tc_bus_reply_id(r->element[1], need);
			} else if (r->type != REDIS_REPLY_ARRAY) {
				st = tc_redis_reply_error(s->link, r, "XPENDING", err);
			}
			freeReplyObject(r);
		}
		if (!min[0] || tc_bus_id_cmp(need, min) < 0) {
			memcpy(min, need, sizeof(min));
		}
	}
	tc_strlist_free(&names);
	tc_bus_info_free(&in);
	if (st != TC_OK || !min[0]) {
		return st;
	}
	const char *argv[] = {"XTRIM", s->stream, "MINID", min};
	redisReply *r;
	st = tc_redis_command_expect(s->link, TC_REDIS_IDEMPOTENT, 4, argv, NULL, REDIS_REPLY_INTEGER, &r, err);
	if (st == TC_OK) {
		*removed = r->integer > 0 ? (uint64_t)r->integer : 0;
		freeReplyObject(r);
	}
	return st;
}
