/* tc_sql_driver on a PHP PDO object: PdoBackend's core (src/backend/sql.c) reaches the
 * database through PDO, so DSNs and driver options mean what they mean in PDO. */
#ifndef TAGCACHE_PDO_DRIVER_H
#define TAGCACHE_PDO_DRIVER_H

#include "php.h"
#include "backend/sql.h"

/* PDO::ATTR_PERSISTENT and PDO::ATTR_STATEMENT_CLASS (stable since PHP 5.1; the pdo headers
 * are not needed for two numbers). */
#define PDO_ATTR_PERSISTENT      12
#define PDO_ATTR_STATEMENT_CLASS 13

/* What a connection is made from; borrowed from the backend's config, which outlives the core. */
typedef struct {
	zend_string *dsn;
	zend_string *username;      /* may be NULL */
	zend_string *password;      /* may be NULL */
	zend_array *driver_options; /* may be NULL */
	int aborted;                /* tc_sql_options.aborted points here */
} tagcache_pdo_params;

/* tc_sql_connect_fn: ud is a tagcache_pdo_params. */
tc_status tagcache_pdo_connect(void *ud, tc_sql_conn **out, tc_err *err);

/* The class PDO when the pdo extension is loaded, else NULL. */
zend_class_entry *tagcache_pdo_class(void);

/* The dialect of a DSN ("sqlite:", "mysql:", "pgsql:"); false for any other driver. */
bool tagcache_pdo_dialect(zend_string *dsn, tc_sql_dialect *d);

#endif
