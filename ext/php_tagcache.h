/* Module-wide declarations of the tagcache extension. */
#ifndef PHP_TAGCACHE_H
#define PHP_TAGCACHE_H

#include "php.h"

extern zend_module_entry tagcache_module_entry;
#define phpext_tagcache_ptr &tagcache_module_entry

#define PHP_TAGCACHE_VERSION "0.1.0"

#endif
