/* What ext/ knows about a native backend, in one descriptor per backend: its PHP class, its
 * options (type, default, range), the factory that builds its core from the parsed options,
 * and its capabilities. Constructors, setCache(), the CacheManager and phpinfo() read these
 * descriptors; nothing in ext/ switches over backend types. The descriptors live in
 * backend_table.c. */
#ifndef TAGCACHE_BACKEND_DESC_H
#define TAGCACHE_BACKEND_DESC_H

#include "php.h"
#include "tc_backend.h"

/* The lifetime an entry gets when set() is given null, for every backend with lifetimes. */
#define TAGCACHE_DEFAULT_LIFETIME TC_DEFAULT_LIFETIME

typedef enum {
	TAGCACHE_OPT_BOOL,    /* bool */
	TAGCACHE_OPT_INT,     /* zend_long in [min, max] */
	TAGCACHE_OPT_SECONDS, /* int or float seconds in (0, max ms], kept as zend_long milliseconds */
	TAGCACHE_OPT_STRING,  /* zend_string *, non-empty, no NUL byte */
	TAGCACHE_OPT_IDENT,   /* zend_string * matching the identifier rule; note names it */
	TAGCACHE_OPT_PATH,    /* zend_string *, made absolute; no default = the default cache directory */
	TAGCACHE_OPT_SECRET,  /* zend_string * or NULL (null accepted); never echoed, wiped on free */
	TAGCACHE_OPT_ARRAY    /* zend_array * (the backend's own copy) or NULL when not given; the
	                         option's check validates the content */
} tagcache_opt_type;

/* Values a CacheManager fills in when a cache's configuration leaves the option out. */
typedef enum {
	TAGCACHE_FROM_NONE,
	TAGCACHE_FROM_CACHE_DIR, /* <cacheDirectory or persistentCacheDirectory>/<applicationIdentifier> */
	TAGCACHE_FROM_APP_ID     /* the manager's applicationIdentifier */
} tagcache_opt_source;

typedef struct {
	const char *name;          /* the key in the options array */
	tagcache_opt_type type;
	size_t offset;             /* where the parsed value goes in the backend's config struct */
	union {
		zend_long l;       /* INT; SECONDS in milliseconds */
		bool b;            /* BOOL */
		const char *s;     /* STRING, IDENT, PATH (NULL: see the type) */
	} def;
	zend_long min, max;        /* INT: inclusive range; SECONDS: max in milliseconds */
	const char *note;          /* INT, SECONDS: appended to the rule; IDENT: what the value is */
	const char *rule;          /* when set, replaces the rule derived from type and range */
	const char *flow;          /* Flow's name for this option when it differs (accepted too) */
	tagcache_opt_source from;
	/* Optional: a further check of a value that passed its type's rule; throws
	 * TagCache\InvalidArgumentException naming backend, option, value and rule, returns false. */
	bool (*check)(const char *backend, const char *option, zval *val);
	/* Says, with the backend's location, which store the backend uses: two children of a
	 * chain whose location and flagged options are equal share one store (backend_multi.c). */
	bool identifies_store;
	/* Optional, for a flagged ARRAY option: the value's canonical text for that comparison
	 * (e.g. servers resolved to host:port, sorted); without it the string items are sorted. */
	zend_string *(*identity)(const zend_array *value);
} tagcache_option;

/* Capabilities beyond the core's TC_CAP_* bits (kept in the same word). */
enum {
	TAGCACHE_CAP_PER_CACHE = 1 << 16, /* the core depends on the cache identifier: setCache() builds it */
	TAGCACHE_CAP_MEMO = 1 << 17       /* VariableFrontend may keep decoded copies (memo.c) */
};

typedef struct tagcache_backend_desc {
	const char *name;          /* short class name, used in messages */
	zend_class_entry *ce;      /* set by register_class at MINIT */
	/* Registers the stub-declared class with its interfaces (the generated arginfo). */
	zend_class_entry *(*register_class)(void);
	const tagcache_option *options;
	size_t noptions;
	size_t config_size;        /* the struct the options are parsed into */
	unsigned caps;             /* TC_CAP_* the class promises, plus TAGCACHE_CAP_* */
	/* Builds the core from the parsed options. cache_id is the cache served (NULL unless
	 * TAGCACHE_CAP_PER_CACHE); *location may be set to where the entries live (a directory,
	 * a key prefix), owned by the backend object. */
	tc_status (*create)(const void *config, zend_string *cache_id, tc_backend **out,
	                    zend_string **location, tc_err *err);
	/* Optional: rules between options, checked once all are parsed, so a wrong combination
	 * fails where the backend is constructed, not later when a cache is bound. Throws
	 * TagCache\InvalidArgumentException and returns false. */
	bool (*validate)(const char *backend, const void *config);
} tagcache_backend_desc;

/* Every native backend, NULL-terminated (backend_table.c). */
extern tagcache_backend_desc *const tagcache_backend_table[];

/* Registers the backend interfaces and every class of the table. */
void tagcache_backend_table_register(void);

/* The descriptor of ce or of its nearest native ancestor; NULL for other classes. */
const tagcache_backend_desc *tagcache_backend_desc_of(zend_class_entry *ce);

/* Rows for phpinfo(): the list of backends, then one row per backend with its options. */
void tagcache_backend_table_info(void);

#define TAGCACHE_NOPTIONS(table) (sizeof(table) / sizeof((table)[0]))

/* defaultLifetime, the same for every backend that has lifetimes (Flow's name). */
#define TAGCACHE_OPTION_DEFAULT_LIFETIME(config_type, field)                                       \
	{.name = "defaultLifetime", .type = TAGCACHE_OPT_INT, .offset = offsetof(config_type, field), \
	 .def.l = TAGCACHE_DEFAULT_LIFETIME, .min = 0, .max = ZEND_LONG_MAX,                          \
	 .note = "seconds, 0 = unlimited"}

#endif
