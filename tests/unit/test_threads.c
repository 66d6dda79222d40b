/* src/ under threads, as a thread-safe PHP (ZTS) runs it: error texts built concurrently, and
 * several threads writing one FileBackend directory at once through their own handles. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "tu.h"

#define THREADS 4

static const int thread_errnos[THREADS] = {ENOENT, EACCES, EEXIST, 12345 /* unknown */};
static char thread_want[THREADS][128];

typedef struct {
	int index;
	int mismatches;
	int failures;
	const char *dir;
} thread_job;

static void *strerror_worker(void *arg)
{
	thread_job *j = arg;
	char buf[128];
	for (int i = 0; i < 20000; i++) {
		if (strcmp(tc_strerror(thread_errnos[j->index], buf, sizeof(buf)), thread_want[j->index]) != 0) {
			j->mismatches++;
		}
	}
	return NULL;
}

/* Each thread reads its own errno's text while the others read theirs: no thread ever sees
 * another's text (strerror may share one buffer between threads). */
static void threads_strerror(void)
{
	char buf[128];
	for (int i = 0; i < THREADS; i++) {
		snprintf(thread_want[i], sizeof(thread_want[i]), "%s",
			tc_strerror(thread_errnos[i], buf, sizeof(buf)));
		TU_CHECK(thread_want[i][0] != '\0');
	}
	TU_CHECK(strcmp(thread_want[0], thread_want[3]) != 0);
	pthread_t t[THREADS];
	thread_job jobs[THREADS] = {{0}};
	for (int i = 0; i < THREADS; i++) {
		jobs[i].index = i;
		TU_REQUIRE(pthread_create(&t[i], NULL, strerror_worker, &jobs[i]) == 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		TU_EQ(jobs[i].mismatches, 0);
	}
}

#define PER_THREAD 100

static void *file_worker(void *arg)
{
	thread_job *j = arg;
	tc_file_options o = {0};
	o.directory = j->dir;
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	if (tc_file_backend_new(&o, &b, &err) != TC_OK) {
		j->failures = PER_THREAD + 1;
		return NULL;
	}
	char id[32], data[64], tags[32];
	for (int i = 0; i < PER_THREAD; i++) {
		snprintf(id, sizeof(id), "t%d_%d", j->index, i);
		snprintf(data, sizeof(data), "thread %d entry %d", j->index, i);
		snprintf(tags, sizeof(tags), "shared own%d", j->index);
		j->failures += tu_set(b, id, data, tags, 0) != TC_OK;
		/* every thread also rewrites one common entry, under its stripe lock */
		snprintf(data, sizeof(data), "common from %d", j->index);
		j->failures += tu_set(b, "common", data, "shared", 0) != TC_OK;
	}
	tc_backend_destroy(b);
	return NULL;
}

/* Threads writing one directory at once: every entry and tag marker arrives, temporary
 * names never collide, the common entry holds one whole write. */
static void threads_file_backend(void)
{
	char *dir = tu_tempdir();
	TU_REQUIRE(dir);
	pthread_t t[THREADS];
	thread_job jobs[THREADS] = {{0}};
	for (int i = 0; i < THREADS; i++) {
		jobs[i].index = i;
		jobs[i].dir = dir;
		TU_REQUIRE(pthread_create(&t[i], NULL, file_worker, &jobs[i]) == 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		TU_EQ(jobs[i].failures, 0);
	}
	tc_file_options o = {0};
	o.directory = dir;
	tc_backend *b = NULL;
	tc_err err;
	tc_err_clear(&err);
	TU_REQUIRE(tc_file_backend_new(&o, &b, &err) == TC_OK);
	tu_ids ids;
	TU_EQ(tu_list(b, &ids), TC_OK);
	TU_EQ(ids.count, THREADS * PER_THREAD + 1);
	TU_EQ(tu_find(b, "shared", &ids), TC_OK);
	TU_EQ(ids.count, THREADS * PER_THREAD + 1);
	TU_EQ(tu_find(b, "own2", &ids), TC_OK);
	TU_EQ(ids.count, PER_THREAD);
	TU_CHECK(tu_get_is(b, "t3_99", "thread 3 entry 99", 17));
	tu_buf common = {0};
	TU_EQ(tu_get(b, "common", &common), TC_OK);
	TU_CHECK(common.len == 13 && memcmp(common.buf, "common from ", 12) == 0);
	tu_buf_free(&common);
	tc_backend_destroy(b);
	tu_rmtree(dir);
}

void tu_suite_threads(void)
{
	TU_RUN(threads_strerror);
	TU_RUN(threads_file_backend);
}
