/* Helpers shared by the files that implement the native backends' PHP methods. */
#ifndef TAGCACHE_BACKEND_METHOD_H
#define TAGCACHE_BACKEND_METHOD_H

#include "backend.h"
#include "exceptions.h"

#define THIS_BACKEND() tagcache_backend_from_obj(Z_OBJ_P(ZEND_THIS))

#define THIS_CORE(core)                                                                            \
	tc_backend *core = tagcache_backend_core(THIS_BACKEND());                                  \
	if (!core) {                                                                               \
		RETURN_THROWS();                                                                   \
	}

#define CHECK(call)                                                                                \
	do {                                                                                       \
		if ((call) > TC_MISS) {                                                            \
			tagcache_throw_err(&err);                                                  \
			RETURN_THROWS();                                                           \
		}                                                                                  \
	} while (0)

#endif
