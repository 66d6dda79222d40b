/* The per-proxy outboxes against a real redis-server (run from test_bus_stream.c's suite). */
#include "tu.h"
#include "tb_redis.h"
#include "../../src/bus/tc_bus.h"

void tu_suite_bus_outbox_with(tb_server *s, tc_redis_link *l);

void tu_suite_bus_outbox_with(tb_server *s, tc_redis_link *l)
{
	(void)s;
	(void)l;
}
