/* NullBackend: accepts everything, stores nothing. */
#include "tu.h"

static void null_behaviour(void)
{
	tc_backend *b = NULL;
	tc_err err;
	TU_EQ(tc_null_backend_new(&b, &err), TC_OK);
	TU_REQUIRE(b);
	TU_EQ(tu_set(b, "a", "1", "t", 0), TC_OK);
	tu_buf out;
	TU_EQ(tu_get(b, "a", &out), TC_MISS);
	TU_EQ(out.calls, 0);
	TU_EQ(b->ops->has(b, TC_STR_LIT("a"), &err), TC_MISS);
	TU_EQ(b->ops->remove(b, TC_STR_LIT("a"), &err), TC_MISS);
	TU_EQ(b->ops->flush(b, &err), TC_OK);
	TU_EQ(tu_flush_tags(b, "t"), 0);
	tu_ids ids;
	TU_EQ(tu_find(b, "t", &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, 0);
	TU_EQ(b->ops->collect_garbage(b, &err), TC_OK);
	const char *path = "x";
	TU_EQ(b->ops->php_path(b, TC_STR_LIT("a"), &path, &err), TC_MISS);
	TU_EQ(b->ops->is_frozen(b), 0);
	tc_backend_destroy(b);
}

void tu_suite_null(void)
{
	TU_RUN(null_behaviour);
}
