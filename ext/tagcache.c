/* Module entry: registers every class family, reports build facts in phpinfo(). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "ext/standard/info.h"
#include "php_tagcache.h"
#include "backend.h"
#include "exceptions.h"
#include "frontend.h"
#include "http.h"
#include "bus.h"
#include "page.h"
#include "include.h"
#include "manager.h"
#include "serializer.h"
#include "backend/file_attach.h"

#include <event2/event.h>
#include <hiredis/hiredis.h>

#define TAGCACHE_STR2(x) #x
#define TAGCACHE_STR(x) TAGCACHE_STR2(x)

ZEND_DECLARE_MODULE_GLOBALS(tagcache)

static PHP_GINIT_FUNCTION(tagcache)
{
#if defined(ZTS) && defined(COMPILE_DL_TAGCACHE)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	memset(tagcache_globals, 0, sizeof(*tagcache_globals));
}

static PHP_MINIT_FUNCTION(tagcache)
{
	tagcache_register_exceptions();
	tagcache_register_backends();
	tagcache_register_frontends();
	tagcache_register_manager();
	tagcache_register_http();
	tagcache_register_bus();
	tagcache_register_page();
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(tagcache)
{
	tc_redis_close_persistent();
	tagcache_varnish_senders_shutdown();
	/* Parked file store handles (file_attach.h); stores closed later close their own. */
	tc_fattach_shutdown();
	return SUCCESS;
}

static PHP_RINIT_FUNCTION(tagcache)
{
#if defined(ZTS) && defined(COMPILE_DL_TAGCACHE)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	TAGCACHE_G(compute_frames) = NULL;
	return SUCCESS;
}

static PHP_RSHUTDOWN_FUNCTION(tagcache)
{
	/* Before the rest: storing a captured page uses caches whose locks are released below. */
	tagcache_page_request_end();
	/* First: releases compute locks a fatal error left held, while their backends live. */
	tagcache_compute_request_end();
	tagcache_include_request_end();
	tagcache_varnish_reap_senders();
	return SUCCESS;
}

static PHP_MINFO_FUNCTION(tagcache)
{
	php_info_print_table_start();
	php_info_print_table_row(2, "tagcache support", "enabled");
	php_info_print_table_row(2, "Version", PHP_TAGCACHE_VERSION);
	tagcache_backend_table_info();
	php_info_print_table_row(2, "Frontends", "VariableFrontend, StringFrontend, PhpFrontend");
	php_info_print_table_row(2, "VariableFrontend default serializer", "php");
	php_info_print_table_row(2, "VariableFrontend serializer igbinary",
	                         tagcache_igbinary_available() ? "available (option serializer)" : "not loaded");
	php_info_print_table_row(2, "hiredis version (compiled)",
	                         TAGCACHE_STR(HIREDIS_MAJOR) "." TAGCACHE_STR(HIREDIS_MINOR) "." TAGCACHE_STR(HIREDIS_PATCH));
	php_info_print_table_row(2, "libevent version (compiled)", LIBEVENT_VERSION);
	php_info_print_table_row(2, "libevent version (running)", event_get_version());
	php_info_print_table_row(2, "libmemcached version (compiled)", TAGCACHE_LIBMEMCACHED_VERSION);
	php_info_print_table_end();
}

zend_module_entry tagcache_module_entry = {
	STANDARD_MODULE_HEADER,
	"tagcache",
	NULL,
	PHP_MINIT(tagcache),
	PHP_MSHUTDOWN(tagcache),
	PHP_RINIT(tagcache),
	PHP_RSHUTDOWN(tagcache),
	PHP_MINFO(tagcache),
	PHP_TAGCACHE_VERSION,
	PHP_MODULE_GLOBALS(tagcache),
	PHP_GINIT(tagcache),
	NULL, /* no GSHUTDOWN: the request's state is freed at RSHUTDOWN */
	NULL,
	STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_TAGCACHE
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(tagcache)
#endif
