/* Parked segment mappings of SharedMemoryBackend (shm_layout.h): a php-fpm worker builds a new
 * backend for every request, and opening the segment (open, checks, mmap of the whole segment,
 * the boot id) then unmapping it costs more than the read it serves, and the pages touched
 * fault in again on every request.
 *
 * A destroyed backend parks its mapping (MAP_SHARED: every process sees one copy, so it stays
 * valid across requests; no descriptor is kept, no lock held). The next backend of the same
 * path and size in this process takes it when lstat() of the path still names the file mapped
 * (removed, or replaced by another file: a fresh open), the file still passes the owner, mode
 * and size rules of an open, and the header still passes its geometry checks; shm_use() then
 * checks the free lists as every open does. A mapping parked by another process (before a
 * fork) is unmapped rather than used. A table with a mutex (ZTS); a taken mapping belongs to
 * one backend only. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_stripes.h"
#include "shm_layout.h"

/* Whole segments of virtual address space each: only a few. */
#define TC_SHM_PARKED_MAX 8

typedef struct shm_parked {
	struct shm_parked *next;
	long pid;
	char *map;
	uint64_t size;
	dev_t dev;
	ino_t ino;
	char path[];
} shm_parked;

static shm_parked *shm_parked_head;
static unsigned shm_parked_count;
static int shm_parking = 1;
static pthread_mutex_t shm_parked_mutex = PTHREAD_MUTEX_INITIALIZER;

static void shm_parked_free(shm_parked *p)
{
	if (p->map) {
		munmap(p->map, p->size);
	}
	free(p);
}

static int shm_parked_current(const shm_parked *p)
{
	struct stat st;
	if (lstat(p->path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_dev != p->dev ||
	    st.st_ino != p->ino || st.st_uid != geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH)) ||
	    (uint64_t)st.st_size != p->size) {
		return 0;
	}
	char why[200];
	return tc_shm_check_header((const shm_header *)p->map, p->size, why, sizeof(why)) == 0;
}

int tc_shm_attach_take(const char *path, uint64_t size, char **map, dev_t *dev, ino_t *ino)
{
	shm_parked *p = NULL;
	pthread_mutex_lock(&shm_parked_mutex);
	for (shm_parked **pp = &shm_parked_head; *pp; pp = &(*pp)->next) {
		if ((*pp)->size == size && strcmp((*pp)->path, path) == 0) {
			p = *pp;
			*pp = p->next;
			shm_parked_count--;
			break;
		}
	}
	pthread_mutex_unlock(&shm_parked_mutex);
	if (!p) {
		return 0;
	}
	if (p->pid != tc_fproc_pid() || !shm_parked_current(p)) {
		shm_parked_free(p);
		return 0;
	}
	*map = p->map;
	*dev = p->dev;
	*ino = p->ino;
	p->map = NULL;
	shm_parked_free(p);
	return 1;
}

void tc_shm_attach_park(shm_backend *sb)
{
	size_t pl = strlen(sb->path);
	shm_parked *p = malloc(sizeof(*p) + pl + 1);
	if (!p) {
		return;
	}
	memcpy(p->path, sb->path, pl + 1);
	p->pid = tc_fproc_pid();
	p->map = sb->map;
	p->size = sb->size;
	p->dev = sb->dev;
	p->ino = sb->ino;
	shm_parked *evicted = NULL;
	pthread_mutex_lock(&shm_parked_mutex);
	if (!shm_parking) {
		pthread_mutex_unlock(&shm_parked_mutex);
		free(p);
		return;
	}
	sb->map = NULL;
	/* One mapping per segment: the last one closed stays. */
	for (shm_parked **pp = &shm_parked_head; *pp; pp = &(*pp)->next) {
		if ((*pp)->size == p->size && strcmp((*pp)->path, p->path) == 0) {
			evicted = *pp;
			*pp = evicted->next; /* replaced: the count stays */
			break;
		}
	}
	p->next = shm_parked_head;
	shm_parked_head = p;
	if (!evicted && ++shm_parked_count > TC_SHM_PARKED_MAX) {
		shm_parked **pp = &shm_parked_head;
		while ((*pp)->next) {
			pp = &(*pp)->next;
		}
		evicted = *pp;
		*pp = NULL;
		shm_parked_count--;
	}
	pthread_mutex_unlock(&shm_parked_mutex);
	if (evicted) {
		shm_parked_free(evicted);
	}
}

void tc_shm_attach_shutdown(void)
{
	pthread_mutex_lock(&shm_parked_mutex);
	shm_parking = 0;
	shm_parked *p = shm_parked_head;
	shm_parked_head = NULL;
	shm_parked_count = 0;
	pthread_mutex_unlock(&shm_parked_mutex);
	while (p) {
		shm_parked *next = p->next;
		shm_parked_free(p);
		p = next;
	}
}
