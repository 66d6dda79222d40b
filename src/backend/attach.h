/* Per-process reuse of what backends open (file_attach.h: file stores; shm_attach.c: segment
 * mappings): the module releases everything parked at shutdown. */
#ifndef TC_ATTACH_H
#define TC_ATTACH_H

void tc_fattach_shutdown(void);
void tc_shm_attach_shutdown(void);

static inline void tc_attach_shutdown(void)
{
	tc_fattach_shutdown();
	tc_shm_attach_shutdown();
}

#endif
