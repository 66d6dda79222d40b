/* The fleet bus classes (stubs/bus.stub.php): class entries and the object layouts shared by
 * ext/bus/ (Bus in bus*.c, Node in node*.c). State lives in C structs, never in properties. */
#ifndef TAGCACHE_BUS_H
#define TAGCACHE_BUS_H

#include "php.h"
#include "bus/tc_bus.h"

extern zend_class_entry *tagcache_bus_exception_ce;
extern zend_class_entry *tagcache_bus_ce;
extern zend_class_entry *tagcache_bus_node_ce;

void tagcache_register_bus(void);

/* Object handlers, set up once at registration (bus.c, node.c). */
void tagcache_bus_init(zend_class_entry *ce);
void tagcache_bus_node_init(zend_class_entry *ce);

/* Publisher state private to bus*.c. */
typedef struct tagcache_bus_pub tagcache_bus_pub;

typedef struct {
	int ready;                /* the constructor ran to the end */
	tc_redis_link link;       /* the one connection; Node reads and acks through it too */
	tc_bus_stream stream;     /* stream.stream points at stream_key */
	zend_string *stream_key;
	zend_string *application; /* the source name published messages carry */
	double timeout;
	tagcache_bus_pub *pub;
	zend_object std;
} tagcache_bus_obj;

static inline tagcache_bus_obj *tagcache_bus_from_obj(zend_object *obj)
{
	return (tagcache_bus_obj *)((char *)obj - XtOffsetOf(tagcache_bus_obj, std));
}

/* The Bus behind a zval, or NULL (after throwing) when it was never constructed. */
tagcache_bus_obj *tagcache_bus_ready(zend_object *obj);

/* Decodes one payload into a PHP list of messages (node.c; Bus::getPending() shapes its own
 * messages the same way): each ["op" => name, "application" => ..., and per op "cache",
 * "entry", "tags" | "locations" | "urls", "pathRegex", "contentType", "hosts",
 * "persistent"]. */
void tagcache_bus_msg_to_zval(const tc_bus_msg *m, zend_string *app, zval *out);

#endif
