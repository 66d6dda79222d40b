/* Runs every suite and prints the summary line the build scripts look for. */
#include <stdio.h>

extern int tu_passed;
extern int tu_failed;
int tu_skipped; /* suites that could not run here (e.g. no redis-server) */

void tu_suite_core(void);
void tu_suite_file(void);
void tu_suite_simple_file(void);
void tu_suite_memory(void);
void tu_suite_null(void);
void tu_suite_redis(void);
void tu_suite_http_purge(void);
void tu_suite_http_send(void);
void tu_suite_threads(void);
void tu_suite_removals(void);
void tu_suite_tickets(void);
void tu_suite_file_epoch(void);
void tu_suite_file_stripes(void);
void tu_suite_shm(void);
void tu_suite_shm_lock(void);
void tu_suite_multi(void);
void tu_suite_memcached(void);
void tu_suite_sql(void);
void tu_suite_redis_cluster(void);
void tu_suite_bus_codec(void);
void tu_suite_bus_redis(void);
void tu_suite_page(void);
void tu_suite_esi(void);

int main(void)
{
	tu_suite_core();
	tu_suite_file();
	tu_suite_simple_file();
	tu_suite_memory();
	tu_suite_null();
	tu_suite_redis();
	tu_suite_http_purge();
	tu_suite_http_send();
	tu_suite_threads();
	tu_suite_removals();
	tu_suite_tickets();
	tu_suite_file_epoch();
	tu_suite_file_stripes();
	tu_suite_shm();
	tu_suite_shm_lock();
	tu_suite_multi();
	tu_suite_memcached();
	tu_suite_sql();
	tu_suite_redis_cluster();
	tu_suite_bus_codec();
	tu_suite_bus_redis();
	tu_suite_page();
	tu_suite_esi();
	if (tu_skipped) {
		printf("%d passed, %d failed, %d skipped\n", tu_passed, tu_failed, tu_skipped);
	} else {
		printf("%d passed, %d failed\n", tu_passed, tu_failed);
	}
	return tu_failed ? 1 : 0;
}
