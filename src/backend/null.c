/* NullBackend: accepts every write and stores nothing, for disabling a cache by configuration. */
#include "../tc_alloc.h"
#include "../tc_backend.h"

static tc_status nb_set(tc_backend *b, tc_str id, tc_str data, const tc_str *tags, size_t ntags,
                        int64_t lifetime, tc_kind kind, tc_err *err)
{
	(void)b, (void)id, (void)data, (void)tags, (void)ntags, (void)lifetime, (void)kind, (void)err;
	return TC_OK;
}

static tc_status nb_get(tc_backend *b, tc_str id, const tc_sink *sink, tc_err *err)
{
	(void)b, (void)id, (void)sink, (void)err;
	return TC_MISS;
}

static tc_status nb_miss(tc_backend *b, tc_str id, tc_err *err)
{
	(void)b, (void)id, (void)err;
	return TC_MISS;
}

static tc_status nb_ok(tc_backend *b, tc_err *err)
{
	(void)b, (void)err;
	return TC_OK;
}

static tc_status nb_flush_by_tags(tc_backend *b, const tc_str *tags, size_t ntags, size_t *count,
                                  tc_err *err)
{
	(void)b, (void)tags, (void)ntags, (void)err;
	*count = 0;
	return TC_OK;
}

static tc_status nb_find_ids_by_tag(tc_backend *b, tc_str tag, tc_id_cb cb, void *ud,
                                    tc_err *err)
{
	(void)b, (void)tag, (void)cb, (void)ud, (void)err;
	return TC_OK;
}

static tc_status nb_freeze(tc_backend *b, tc_err *err)
{
	(void)b;
	return tc_err_set(err, TC_ERR_UNSUPPORTED, "the null backend cannot be frozen");
}

static int nb_is_frozen(tc_backend *b)
{
	(void)b;
	return 0;
}

static tc_status nb_list_ids(tc_backend *b, tc_id_cb cb, void *ud, tc_err *err)
{
	(void)b, (void)cb, (void)ud, (void)err;
	return TC_OK;
}

static tc_status nb_php_path(tc_backend *b, tc_str id, const char **path, tc_err *err)
{
	(void)b, (void)id, (void)err;
	*path = NULL;
	return TC_MISS;
}

/* Tickets are always 0 and nothing is ever stored, so a ticketed set is as harmless as set. */
static tc_status nb_ticket(tc_backend *b, uint64_t *ticket, tc_err *err)
{
	(void)b, (void)err;
	*ticket = 0;
	return TC_OK;
}

static tc_status nb_check_ticket(tc_backend *b, uint64_t ticket, tc_str id, const tc_str *tags,
                                 size_t ntags, tc_err *err)
{
	(void)b, (void)ticket, (void)id, (void)tags, (void)ntags, (void)err;
	return TC_OK;
}

static tc_status nb_set_ticketed(tc_backend *b, tc_str id, tc_str data, const tc_str *tags,
                                 size_t ntags, int64_t lifetime, tc_kind kind, uint64_t ticket,
                                 tc_err *err)
{
	(void)ticket;
	return nb_set(b, id, data, tags, ntags, lifetime, kind, err);
}

static void nb_destroy(tc_backend *b)
{
	tc_free(b);
}

/* Compute locks: the store lives in one process, where one request runs at a time, so there
 * is never another holder to wait for (the binding catches a process asking twice itself). */
static tc_status nb_lock(tc_backend *b, tc_str id, unsigned timeout_ms, unsigned ttl_ms,
                         uint64_t *token, tc_err *err)
{
	(void)b, (void)id, (void)timeout_ms, (void)ttl_ms, (void)err;
	*token = 0;
	return TC_OK;
}

static tc_status nb_unlock(tc_backend *b, tc_str id, uint64_t token, tc_err *err)
{
	(void)b, (void)id, (void)token, (void)err;
	return TC_OK;
}

static const tc_backend_ops tc_null_ops = {
	.name = "null",
	/* Tags and iteration "work" (they find nothing), so a frontend can use them unchanged. */
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_ITER | TC_CAP_TICKET | TC_CAP_LOCK,
	.set = nb_set,
	.get = nb_get,
	.has = nb_miss,
	.remove = nb_miss,
	.flush = nb_ok,
	.flush_by_tags = nb_flush_by_tags,
	.find_ids_by_tag = nb_find_ids_by_tag,
	.collect_garbage = nb_ok,
	.freeze = nb_freeze,
	.is_frozen = nb_is_frozen,
	.list_ids = nb_list_ids,
	.php_path = nb_php_path,
	.ticket = nb_ticket,
	.check_ticket = nb_check_ticket,
	.set_ticketed = nb_set_ticketed,
	.lock = nb_lock,
	.unlock = nb_unlock,
	.destroy = nb_destroy,
};

tc_status tc_null_backend_new(tc_backend **out, tc_err *err)
{
	*out = NULL;
	tc_backend *b = tc_calloc(1, sizeof(*b));
	if (!b) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory creating a null backend");
	}
	b->ops = &tc_null_ops;
	*out = b;
	return TC_OK;
}
