/* The native backends, one descriptor each: class, options, factory, capabilities. Adding a
 * backend is its core in src/backend/, its stub class and one block here; constructors,
 * setCache(), the CacheManager and phpinfo() read this table. This is the one file that
 * includes the generated backend_arginfo.h. */
#include "backend.h"
#include "backend_options.h"
#include "exceptions.h"
#include "tc_shm.h"
#include "zend_attributes.h"
#include "zend_interfaces.h"
#include "ext/standard/info.h"
#include "zend_smart_str.h"
#include "backend_arginfo.h"
#include "redis_nodes.h"

zend_class_entry *tagcache_backend_interface_ce;
zend_class_entry *tagcache_taggable_backend_ce;
zend_class_entry *tagcache_php_capable_backend_ce;
zend_class_entry *tagcache_freezable_backend_ce;
zend_class_entry *tagcache_iterable_backend_ce;

#define TAGGABLE tagcache_taggable_backend_ce
#define PHP_CAPABLE tagcache_php_capable_backend_ce
#define FREEZABLE tagcache_freezable_backend_ce
#define ITERABLE tagcache_iterable_backend_ce

/* ---- FileBackend, SimpleFileBackend: <cacheDirectory>/<cache identifier> -------------------- */

typedef struct {
	zend_string *dir;
	zend_long default_lifetime;
} file_config;

#define OPTION_CACHE_DIRECTORY                                                                       \
	{.name = "cacheDirectory", .type = TAGCACHE_OPT_PATH, .offset = offsetof(file_config, dir),      \
	 .from = TAGCACHE_FROM_CACHE_DIR}

static tc_status file_open(tc_status (*ctor)(const tc_file_options *, tc_backend **, tc_err *),
                           const void *config, zend_string *cache_id, tc_backend **out,
                           zend_string **location, tc_err *err)
{
	const file_config *c = config;
	zend_string *dir = zend_strpprintf(0, "%s/%s", ZSTR_VAL(c->dir), ZSTR_VAL(cache_id));
	tc_file_options fo = {.directory = ZSTR_VAL(dir), .default_lifetime = c->default_lifetime};
	tc_status st = ctor(&fo, out, err);
	if (st != TC_OK) {
		zend_string_release(dir);
		return st;
	}
	*location = dir;
	return TC_OK;
}

static const tagcache_option file_options[] = {
	OPTION_CACHE_DIRECTORY,
	TAGCACHE_OPTION_DEFAULT_LIFETIME(file_config, default_lifetime),
};

static tc_status file_create(const void *config, zend_string *cache_id, tc_backend **out,
                             zend_string **location, tc_err *err)
{
	return file_open(tc_file_backend_new, config, cache_id, out, location, err);
}

static zend_class_entry *file_register(void)
{
	return register_class_TagCache_Backend_FileBackend(TAGGABLE, PHP_CAPABLE, FREEZABLE, ITERABLE);
}

PHP_METHOD(TagCache_Backend_FileBackend, __construct)
{
	tagcache_backend_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static tagcache_backend_desc file_desc = {
	.name = "FileBackend",
	.register_class = file_register,
	.options = file_options,
	.noptions = TAGCACHE_NOPTIONS(file_options),
	.config_size = sizeof(file_config),
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_PHP | TC_CAP_FREEZE | TC_CAP_ITER | TAGCACHE_CAP_PER_CACHE,
	.create = file_create,
};

static const tagcache_option simple_file_options[] = {
	OPTION_CACHE_DIRECTORY,
};

static tc_status simple_file_create(const void *config, zend_string *cache_id, tc_backend **out,
                                    zend_string **location, tc_err *err)
{
	return file_open(tc_simple_file_backend_new, config, cache_id, out, location, err);
}

static zend_class_entry *simple_file_register(void)
{
	return register_class_TagCache_Backend_SimpleFileBackend(PHP_CAPABLE, ITERABLE);
}

PHP_METHOD(TagCache_Backend_SimpleFileBackend, __construct)
{
	tagcache_backend_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static tagcache_backend_desc simple_file_desc = {
	.name = "SimpleFileBackend",
	.register_class = simple_file_register,
	.options = simple_file_options,
	.noptions = TAGCACHE_NOPTIONS(simple_file_options),
	.config_size = sizeof(file_config),
	.caps = TC_CAP_PHP | TC_CAP_ITER | TAGCACHE_CAP_PER_CACHE,
	.create = simple_file_create,
};

/* ---- TransientMemoryBackend ----------------------------------------------------------------- */

typedef struct {
	zend_long default_lifetime;
} lifetime_config;

static const tagcache_option lifetime_options[] = {
	TAGCACHE_OPTION_DEFAULT_LIFETIME(lifetime_config, default_lifetime),
};

static tc_status memory_create(const void *config, zend_string *cache_id, tc_backend **out,
                               zend_string **location, tc_err *err)
{
	tc_memory_options mo = {.default_lifetime = ((const lifetime_config *)config)->default_lifetime,
	                        .allocator = &tagcache_request_allocator,
	                        .owner_ops = &tagcache_string_owner_ops};
	return tc_memory_backend_new(&mo, out, err);
}

static zend_class_entry *memory_register(void)
{
	return register_class_TagCache_Backend_TransientMemoryBackend(TAGGABLE, ITERABLE);
}

PHP_METHOD(TagCache_Backend_TransientMemoryBackend, __construct)
{
	tagcache_backend_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static tagcache_backend_desc memory_desc = {
	.name = "TransientMemoryBackend",
	.register_class = memory_register,
	.options = lifetime_options,
	.noptions = TAGCACHE_NOPTIONS(lifetime_options),
	.config_size = sizeof(lifetime_config),
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_ITER | TAGCACHE_CAP_MEMO,
	.create = memory_create,
};

/* ---- NullBackend: accepts defaultLifetime (configurations swap backends), stores nothing ---- */

static tc_status null_create(const void *config, zend_string *cache_id, tc_backend **out,
                             zend_string **location, tc_err *err)
{
	return tc_null_backend_new(out, err);
}

static zend_class_entry *null_register(void)
{
	return register_class_TagCache_Backend_NullBackend(TAGGABLE, PHP_CAPABLE);
}

PHP_METHOD(TagCache_Backend_NullBackend, __construct)
{
	tagcache_backend_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static tagcache_backend_desc null_desc = {
	.name = "NullBackend",
	.register_class = null_register,
	.options = lifetime_options,
	.noptions = TAGCACHE_NOPTIONS(lifetime_options),
	.config_size = sizeof(lifetime_config),
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_PHP,
	.create = null_create,
};

/* ---- RedisBackend: option names are Flow's where Flow has one ------------------------------- */

typedef struct {
	zend_string *hostname;
	zend_long port;
	zend_long database;
	zend_string *password;
	zend_long connect_timeout_ms;
	zend_long read_timeout_ms;
	bool persistent;
	zend_long compression_level;
	zend_long batch_size;
	zend_long default_lifetime;
	zend_string *app_id;
	zend_array *cluster;
	zend_array *sentinels;
	zend_string *sentinel_service;
	zend_string *sentinel_password;
} redis_config;

#define REDIS_OPT(field, ...) .offset = offsetof(redis_config, field), __VA_ARGS__

static const tagcache_option redis_options[] = {
	{.name = "hostname", .type = TAGCACHE_OPT_STRING, REDIS_OPT(hostname, .def.s = "127.0.0.1", .identifies_store = true)},
	{.name = "port", .type = TAGCACHE_OPT_INT, REDIS_OPT(port, .def.l = 6379, .min = 1, .max = 65535, .identifies_store = true)},
	{.name = "database", .type = TAGCACHE_OPT_INT, REDIS_OPT(database, .min = 0, .max = 65535, .identifies_store = true)},
	{.name = "password", .type = TAGCACHE_OPT_SECRET, REDIS_OPT(password)},
	{.name = "connectTimeout", .type = TAGCACHE_OPT_SECONDS, REDIS_OPT(connect_timeout_ms, .def.l = 1000, .max = 3600000)},
	{.name = "readTimeout", .type = TAGCACHE_OPT_SECONDS, REDIS_OPT(read_timeout_ms, .def.l = 1000, .max = 3600000)},
	{.name = "persistent", .type = TAGCACHE_OPT_BOOL, REDIS_OPT(persistent)},
	{.name = "compressionLevel", .type = TAGCACHE_OPT_INT,
	 REDIS_OPT(compression_level, .min = 0, .max = 9, .rule = "an integer from 0 (off) to 9")},
	{.name = "batchSize", .type = TAGCACHE_OPT_INT, REDIS_OPT(batch_size, .def.l = 100, .min = 1, .max = 100000)},
	TAGCACHE_OPTION_DEFAULT_LIFETIME(redis_config, default_lifetime),
	{.name = "applicationIdentifier", .type = TAGCACHE_OPT_IDENT,
	 REDIS_OPT(app_id, .def.s = "default", .note = "Application identifier", .from = TAGCACHE_FROM_APP_ID)},
	{.name = "cluster", .type = TAGCACHE_OPT_ARRAY, REDIS_OPT(cluster, .check = tagcache_redis_check_nodes,
	 .rule = "a non-empty array of Redis Cluster seed nodes, each \"host:port\" or \"[IPv6]:port\"", .identifies_store = true)},
	{.name = "sentinels", .type = TAGCACHE_OPT_ARRAY, REDIS_OPT(sentinels, .check = tagcache_redis_check_nodes,
	 .rule = "a non-empty array of Redis Sentinels, each \"host:port\" or \"[IPv6]:port\"", .identifies_store = true)},
	{.name = "sentinelService", .type = TAGCACHE_OPT_STRING, REDIS_OPT(sentinel_service, .identifies_store = true)},
	{.name = "sentinelPassword", .type = TAGCACHE_OPT_SECRET, REDIS_OPT(sentinel_password)},
};

/* The rules between the topology options; the core checks them again. */
static bool redis_validate(const char *backend, const void *config)
{
	const redis_config *c = config;
	if (c->cluster && (c->sentinels || c->sentinel_service)) {
		tagcache_throw(tagcache_invalid_argument_ce,
			"%s options \"cluster\" and \"%s\" exclude each other: a Redis Cluster has no "
			"sentinels, give one or the other", backend, c->sentinels ? "sentinels" : "sentinelService");
		return false;
	}
	if (c->cluster && c->database != 0) {
		tagcache_throw(tagcache_invalid_argument_ce,
			"%s option \"database\": " ZEND_LONG_FMT " is not allowed with \"cluster\": a Redis "
			"Cluster has database 0 only", backend, c->database);
		return false;
	}
	if (c->sentinels && (!c->sentinel_service || !ZSTR_LEN(c->sentinel_service))) {
		tagcache_throw(tagcache_invalid_argument_ce,
			"%s option \"sentinels\" needs \"sentinelService\": the non-empty master name the "
			"sentinels monitor", backend);
		return false;
	}
	if (c->sentinel_password && !c->sentinels) {
		tagcache_throw(tagcache_invalid_argument_ce,
			"%s option \"sentinelPassword\" is for the sentinels: it needs \"sentinels\" (the data "
			"nodes' password is \"password\")", backend);
		return false;
	}
	if ((c->cluster || c->sentinels) && (strcmp(ZSTR_VAL(c->hostname), "127.0.0.1") != 0 || c->port != 6379)) {
		tagcache_throw(tagcache_invalid_argument_ce,
			"%s options \"hostname\"/\"port\" (%.80s:" ZEND_LONG_FMT ") are unused with \"%s\": the "
			"nodes come from %s; leave them out", backend, ZSTR_VAL(c->hostname), c->port,
			c->cluster ? "cluster" : "sentinels", c->cluster ? "the cluster's slot map" : "the sentinels");
		return false;
	}
	if (c->sentinel_service && !c->sentinels) {
		tagcache_throw(tagcache_invalid_argument_ce,
			"%s option \"sentinelService\" (\"%.80s\") needs \"sentinels\": the sentinels to ask "
			"for its primary", backend, ZSTR_VAL(c->sentinel_service));
		return false;
	}
	return true;
}

/* Keys of a cache share one hash tag, so a cluster keeps them in one slot. */
static tc_status redis_create(const void *config, zend_string *cache_id, tc_backend **out,
                              zend_string **location, tc_err *err)
{
	const redis_config *c = config;
	zend_string *prefix = zend_strpprintf(0, "{tagcache:%s:%s}", ZSTR_VAL(c->app_id), ZSTR_VAL(cache_id));
	tc_redis_options o = {
		.host = ZSTR_VAL(c->hostname),
		.port = (unsigned)c->port,
		.database = (unsigned)c->database,
		.password = c->password ? ZSTR_VAL(c->password) : NULL,
		.prefix = ZSTR_VAL(prefix),
		.default_lifetime = c->default_lifetime,
		.connect_timeout_ms = (unsigned)c->connect_timeout_ms,
		.read_timeout_ms = (unsigned)c->read_timeout_ms,
		.batch_size = (unsigned)c->batch_size,
		.compression_level = (int)c->compression_level,
		.persistent = c->persistent,
		.sentinel_service = c->sentinel_service ? ZSTR_VAL(c->sentinel_service) : NULL,
		.sentinel_password = c->sentinel_password ? ZSTR_VAL(c->sentinel_password) : NULL,
	};
	const char **cluster = tagcache_redis_node_list(c->cluster, &o.ncluster);
	const char **sentinels = tagcache_redis_node_list(c->sentinels, &o.nsentinels);
	o.cluster = cluster;
	o.sentinels = sentinels;
	tc_status st = tc_redis_backend_new(&o, out, err);
	if (cluster) {
		efree(cluster);
	}
	if (sentinels) {
		efree(sentinels);
	}
	if (st != TC_OK) {
		zend_string_release(prefix);
		return st;
	}
	*location = prefix;
	return TC_OK;
}

static zend_class_entry *redis_register(void)
{
	return register_class_TagCache_Backend_RedisBackend(TAGGABLE, PHP_CAPABLE, FREEZABLE, ITERABLE);
}

PHP_METHOD(TagCache_Backend_RedisBackend, __construct)
{
	tagcache_backend_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static tagcache_backend_desc redis_desc = {
	.name = "RedisBackend",
	.register_class = redis_register,
	.options = redis_options,
	.noptions = TAGCACHE_NOPTIONS(redis_options),
	.config_size = sizeof(redis_config),
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_PHP_CODE | TC_CAP_FREEZE | TC_CAP_ITER | TAGCACHE_CAP_PER_CACHE,
	.create = redis_create,
	.validate = redis_validate,
};

/* ---- SharedMemoryBackend: one segment file per machine, caches apart by namespace ---------- */

typedef struct {
	zend_string *segment;
	zend_long size;
	zend_long default_lifetime;
	zend_string *app_id;
} shm_config;

/* The default names its parts; shm_create() fills them in. */
#define SHM_DEFAULT_SEGMENT "/dev/shm/tagcache-<uid>-<applicationIdentifier>"

static const tagcache_option shm_options[] = {
	{.name = "segment", .type = TAGCACHE_OPT_STRING, .offset = offsetof(shm_config, segment),
	 .def.s = SHM_DEFAULT_SEGMENT, .rule = "a file path", .identifies_store = true},
	{.name = "size", .type = TAGCACHE_OPT_INT, .offset = offsetof(shm_config, size),
	 .def.l = (zend_long)TC_SHM_DEFAULT_SIZE, .min = 1 << 20, .max = (zend_long)1 << 40,
	 .note = "bytes, fixed when the segment is created"},
	TAGCACHE_OPTION_DEFAULT_LIFETIME(shm_config, default_lifetime),
	{.name = "applicationIdentifier", .type = TAGCACHE_OPT_IDENT, .offset = offsetof(shm_config, app_id),
	 .def.s = "default", .note = "Application identifier", .from = TAGCACHE_FROM_APP_ID, .identifies_store = true},
};

static tc_status shm_create(const void *config, zend_string *cache_id, tc_backend **out,
                            zend_string **location, tc_err *err)
{
	const shm_config *c = config;
	zend_string *path = !zend_string_equals_literal(c->segment, SHM_DEFAULT_SEGMENT)
	                        ? zend_string_copy(c->segment)
	                        : zend_strpprintf(0, "/dev/shm/tagcache-%ld-%s", (long)geteuid(), ZSTR_VAL(c->app_id));
	zend_string *ns = zend_strpprintf(0, "%s:%s", ZSTR_VAL(c->app_id), ZSTR_VAL(cache_id));
	tc_shm_options o = {.segment = ZSTR_VAL(path), .size = (uint64_t)c->size,
	                    .name_space = ZSTR_VAL(ns), .default_lifetime = c->default_lifetime};
	tc_status st = tc_shm_backend_new(&o, out, err);
	zend_string_release(ns);
	if (st != TC_OK) {
		zend_string_release(path);
		return st;
	}
	*location = path;
	return TC_OK;
}

static zend_class_entry *shm_register(void)
{
	return register_class_TagCache_Backend_SharedMemoryBackend(TAGGABLE, FREEZABLE, ITERABLE);
}

PHP_METHOD(TagCache_Backend_SharedMemoryBackend, __construct)
{
	tagcache_backend_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

PHP_METHOD(TagCache_Backend_SharedMemoryBackend, getSegment)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tagcache_backend_obj *b = tagcache_backend_from_obj(Z_OBJ_P(ZEND_THIS));
	if (!b->location) {
		RETURN_NULL();
	}
	RETURN_STR_COPY(b->location);
}

PHP_METHOD(TagCache_Backend_SharedMemoryBackend, getStatistics)
{
	ZEND_PARSE_PARAMETERS_NONE();
	tc_backend *core = tagcache_backend_core(tagcache_backend_from_obj(Z_OBJ_P(ZEND_THIS)));
	if (!core) {
		RETURN_THROWS();
	}
	tc_err err;
	tc_err_clear(&err);
	tc_shm_stats s;
	if (tc_shm_backend_stats(core, &s, &err) != TC_OK) {
		tagcache_throw_err(&err);
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_long(return_value, "entries", (zend_long)s.entries);
	add_assoc_long(return_value, "cacheEntries", (zend_long)s.cache_entries);
	add_assoc_long(return_value, "cacheTags", (zend_long)s.cache_tags);
	add_assoc_long(return_value, "orphanTags", (zend_long)s.orphan_tags);
	add_assoc_long(return_value, "bytesUsed", (zend_long)s.bytes_used);
	add_assoc_long(return_value, "bytesFree", (zend_long)s.bytes_free);
	add_assoc_long(return_value, "freeBlocks", (zend_long)s.free_blocks);
	add_assoc_long(return_value, "largestFreeBlock", (zend_long)s.largest_free_block);
	add_assoc_long(return_value, "size", (zend_long)s.size);
	add_assoc_long(return_value, "hits", (zend_long)s.hits);
	add_assoc_long(return_value, "misses", (zend_long)s.misses);
	add_assoc_long(return_value, "evictions", (zend_long)s.evictions);
	add_assoc_long(return_value, "lockWaits", (zend_long)s.lock_waits);
	add_assoc_long(return_value, "recoveries", (zend_long)s.recoveries);
	add_assoc_long(return_value, "lockTakeovers", (zend_long)s.lock_takeovers);
}

/* phpinfo(): the default segment of this user and applicationIdentifier "default", the one
 * an FPM pool's caches share unless configured otherwise (segments are per backend object). */
static void shm_info(void)
{
	char path[128], row[512];
	snprintf(path, sizeof(path), "/dev/shm/tagcache-%ld-default", (long)geteuid());
	tc_shm_stats s;
	tc_err err;
	tc_err_clear(&err);
	tc_status st = tc_shm_segment_stats(path, &s, &err);
	if (st == TC_OK) {
		snprintf(row, sizeof(row),
		         "%s: %llu entries, %llu bytes used, %llu free, %llu hits, %llu misses, %llu evictions, %llu lock waits",
		         path, (unsigned long long)s.entries, (unsigned long long)s.bytes_used,
		         (unsigned long long)s.bytes_free, (unsigned long long)s.hits, (unsigned long long)s.misses,
		         (unsigned long long)s.evictions, (unsigned long long)s.lock_waits);
	} else {
		snprintf(row, sizeof(row), "%s: %s", path, st == TC_MISS ? "not created" : err.msg);
	}
	php_info_print_table_row(2, "SharedMemoryBackend default segment", row);
}

static tagcache_backend_desc shm_desc = {
	.name = "SharedMemoryBackend",
	.register_class = shm_register,
	.options = shm_options,
	.noptions = TAGCACHE_NOPTIONS(shm_options),
	.config_size = sizeof(shm_config),
	.caps = TC_CAP_TAGS | TC_CAP_LIFETIME | TC_CAP_FREEZE | TC_CAP_ITER | TAGCACHE_CAP_PER_CACHE,
	.create = shm_create,
};

extern tagcache_backend_desc memcached_desc;
extern tagcache_backend_desc pdo_desc;

/* ---- the table ------------------------------------------------------------------------------ */

extern tagcache_backend_desc multi_desc, taggable_multi_desc;

tagcache_backend_desc *const tagcache_backend_table[] = {
	&file_desc, &simple_file_desc, &memory_desc, &null_desc, &redis_desc, &shm_desc, &pdo_desc,
	&memcached_desc, &multi_desc, &taggable_multi_desc, NULL,
};

#if ZEND_DEBUG
/* The interfaces a class implements are the capabilities its descriptor claims. */
static bool caps_match(const tagcache_backend_desc *d)
{
	struct {
		unsigned caps;
		zend_class_entry *iface;
	} pairs[] = {{TC_CAP_TAGS, TAGGABLE}, {TC_CAP_PHP | TC_CAP_PHP_CODE, PHP_CAPABLE},
	             {TC_CAP_FREEZE, FREEZABLE}, {TC_CAP_ITER, ITERABLE}};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		if (!(d->caps & pairs[i].caps) != !instanceof_function(d->ce, pairs[i].iface)) {
			return false;
		}
	}
	return true;
}

/* Every default obeys its own rule (a default changed out of range is caught in debug builds). */
static bool defaults_valid(const tagcache_backend_desc *d)
{
	for (size_t i = 0; i < d->noptions; i++) {
		const tagcache_option *o = &d->options[i];
		if ((o->type == TAGCACHE_OPT_INT && (o->def.l < o->min || o->def.l > o->max)) ||
		    (o->type == TAGCACHE_OPT_SECONDS && (o->def.l <= 0 || o->def.l > o->max))) {
			return false;
		}
	}
	return true;
}
#endif

void tagcache_backend_table_register(void)
{
	tagcache_backend_interface_ce = register_class_TagCache_Backend_BackendInterface();
	TAGGABLE = register_class_TagCache_Backend_TaggableBackendInterface(tagcache_backend_interface_ce);
	PHP_CAPABLE = register_class_TagCache_Backend_PhpCapableBackendInterface(tagcache_backend_interface_ce);
	FREEZABLE = register_class_TagCache_Backend_FreezableBackendInterface(tagcache_backend_interface_ce);
	ITERABLE = register_class_TagCache_Backend_IterableBackendInterface(tagcache_backend_interface_ce,
	                                                                     zend_ce_iterator);
	for (size_t i = 0; tagcache_backend_table[i]; i++) {
		tagcache_backend_desc *d = tagcache_backend_table[i];
		d->ce = d->register_class();
		d->ce->create_object = tagcache_backend_create;
#if ZEND_DEBUG
		ZEND_ASSERT(caps_match(d) && defaults_valid(d));
#endif
	}
}

const tagcache_backend_desc *tagcache_backend_desc_of(zend_class_entry *ce)
{
	for (; ce; ce = ce->parent) {
		for (size_t i = 0; tagcache_backend_table[i]; i++) {
			if (tagcache_backend_table[i]->ce == ce) {
				return tagcache_backend_table[i];
			}
		}
	}
	return NULL;
}

void tagcache_backend_table_info(void)
{
	smart_str names = {0};
	for (size_t i = 0; tagcache_backend_table[i]; i++) {
		smart_str_appends(&names, i ? ", " : "");
		smart_str_appends(&names, tagcache_backend_table[i]->name);
	}
	smart_str_0(&names);
	php_info_print_table_row(2, "Backends", ZSTR_VAL(names.s));
	smart_str_free(&names);
	for (size_t i = 0; tagcache_backend_table[i]; i++) {
		const tagcache_backend_desc *d = tagcache_backend_table[i];
		zend_string *opts = tagcache_options_describe(d);
		char *label;
		spprintf(&label, 0, "%s options", d->name);
		php_info_print_table_row(2, label, ZSTR_VAL(opts));
		efree(label);
		zend_string_release(opts);
	}
	shm_info();
}
