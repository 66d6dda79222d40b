/* TagCache\Page\EsiProcessor: the object (esi.c) and process() (esi_process.c). */
#ifndef TAGCACHE_ESI_H
#define TAGCACHE_ESI_H

#include "php.h"

extern zend_class_entry *tagcache_esi_exception_ce;
extern zend_class_entry *tagcache_esi_processor_ce;

typedef struct {
	zval fragments; /* the fragment cache (a FrontendInterface), or UNDEF */
	zend_long max_depth;
	zend_long max_includes;
	zend_long max_fragment_size;
	size_t last_len; /* length of the last page assembled: the next output buffer's size */
	HashTable *ids; /* src -> fragment identifier: a sha1 costs more than assembling an include */
	bool constructed;
	zend_object std;
} tagcache_esi_obj;

static inline tagcache_esi_obj *tagcache_esi_from_obj(zend_object *obj)
{
	return (tagcache_esi_obj *)((char *)obj - XtOffsetOf(tagcache_esi_obj, std));
}

/* "esi_" and the sha1 of src in hex: a valid entry identifier for any src. */
zend_string *tagcache_esi_fragment_id(const char *src, size_t len);

/* The same through the processor's table of recent ones (a borrowed reference, valid until the
 * next call). */
zend_string *tagcache_esi_fragment_id_cached(tagcache_esi_obj *o, const char *src, size_t len);

#endif
