/* TagCache\Page\EsiProcessor: the object, its options, and the static helpers for templates
 * and headers. process() is in esi_process.c. */
#include "page.h"
#include "esi.h"
#include "exceptions.h"
#include "frontend.h"
#include "page/tc_esi.h"
#include "ext/spl/spl_exceptions.h"
#include "ext/standard/sha1.h"
#include "zend_smart_str.h"
#include "esi_arginfo.h"

zend_class_entry *tagcache_esi_exception_ce;
zend_class_entry *tagcache_esi_processor_ce;
static zend_object_handlers esi_handlers;

#define KNOWN "maxDepth, maxIncludes, maxFragmentSize"

static zend_object *esi_create(zend_class_entry *ce)
{
	tagcache_esi_obj *o = zend_object_alloc(sizeof(tagcache_esi_obj), ce);
	ZVAL_UNDEF(&o->fragments);
	o->max_depth = 5;
	o->max_includes = 1000;
	o->max_fragment_size = 1048576;
	o->last_len = 0;
	o->ids = NULL;
	zend_object_std_init(&o->std, ce);
	object_properties_init(&o->std, ce);
	o->std.handlers = &esi_handlers;
	return &o->std;
}

static void esi_free(zend_object *obj)
{
	tagcache_esi_obj *o = tagcache_esi_from_obj(obj);
	zval_ptr_dtor(&o->fragments);
	ZVAL_UNDEF(&o->fragments);
	if (o->ids) {
		zend_hash_destroy(o->ids);
		FREE_HASHTABLE(o->ids);
		o->ids = NULL;
	}
	zend_object_std_dtor(obj);
}

static HashTable *esi_get_gc(zend_object *obj, zval **table, int *n)
{
	tagcache_esi_obj *o = tagcache_esi_from_obj(obj);
	*table = &o->fragments;
	*n = 1;
	return zend_std_get_properties(obj);
}

void tagcache_esi_register(void)
{
	tagcache_esi_exception_ce =
		register_class_TagCache_Page_EsiException(spl_ce_RuntimeException, tagcache_exception_ce);
	tagcache_exception_set_code(tagcache_esi_exception_ce, TAGCACHE_CODE_ESI);
	tagcache_esi_processor_ce = register_class_TagCache_Page_EsiProcessor();
	tagcache_esi_processor_ce->create_object = esi_create;
	memcpy(&esi_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	esi_handlers.offset = XtOffsetOf(tagcache_esi_obj, std);
	esi_handlers.free_obj = esi_free;
	esi_handlers.get_gc = esi_get_gc;
	esi_handlers.clone_obj = NULL;
}

static bool option(HashTable *options, const char *name, zend_long min, zend_long max, zend_long *out)
{
	zval *v = zend_hash_str_find(options, name, strlen(name));
	if (v == NULL) {
		return true;
	}
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < min || Z_LVAL_P(v) > max) {
		zend_string *shown = Z_TYPE_P(v) == IS_LONG ? zend_long_to_str(Z_LVAL_P(v)) : NULL;
		tagcache_throw(tagcache_invalid_argument_ce,
		               "EsiProcessor option \"%s\" must be an int from " ZEND_LONG_FMT " to " ZEND_LONG_FMT ", got %s%s%s",
		               name, min, max, zend_zval_type_name(v), shown ? " " : "", shown ? ZSTR_VAL(shown) : "");
		if (shown) {
			zend_string_release(shown);
		}
		return false;
	}
	*out = Z_LVAL_P(v);
	return true;
}

ZEND_METHOD(TagCache_Page_EsiProcessor, __construct)
{
	zend_object *fragments = NULL;
	HashTable *options = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(fragments, tagcache_frontend_interface_ce)
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	tagcache_esi_obj *o = tagcache_esi_from_obj(Z_OBJ_P(ZEND_THIS));
	if (o->constructed) {
		zend_throw_error(NULL, "TagCache\\Page\\EsiProcessor is already constructed");
		RETURN_THROWS();
	}
	zend_long depth = 5, includes = 1000, size = 1048576;
	if (options) {
		zend_string *key;
		ZEND_HASH_FOREACH_STR_KEY(options, key) {
			if (key == NULL || (!zend_string_equals_literal(key, "maxDepth") &&
			                    !zend_string_equals_literal(key, "maxIncludes") &&
			                    !zend_string_equals_literal(key, "maxFragmentSize"))) {
				tagcache_throw(tagcache_invalid_argument_ce, "Unknown EsiProcessor option \"%s\" (known: " KNOWN ")",
				               key ? ZSTR_VAL(key) : "(integer key)");
				RETURN_THROWS();
			}
		} ZEND_HASH_FOREACH_END();
		if (!option(options, "maxDepth", 1, TC_ESI_MAX_DEPTH, &depth) ||
		    !option(options, "maxIncludes", 1, 100000, &includes) ||
		    !option(options, "maxFragmentSize", 1, 1073741824, &size)) {
			RETURN_THROWS();
		}
	}
	o->max_depth = depth;
	o->max_includes = includes;
	o->max_fragment_size = size;
	if (fragments) {
		ZVAL_OBJ_COPY(&o->fragments, fragments);
	}
	o->constructed = true;
}

zend_string *tagcache_esi_fragment_id(const char *src, size_t len)
{
	PHP_SHA1_CTX ctx;
	unsigned char digest[20];
	zend_string *id = zend_string_alloc(4 + 40, 0);
	PHP_SHA1Init(&ctx);
	PHP_SHA1Update(&ctx, (const unsigned char *)src, len);
	PHP_SHA1Final(digest, &ctx);
	static const char hex[] = "0123456789abcdef";
	char *h = ZSTR_VAL(id);
	memcpy(h, "esi_", 4);
	for (int i = 0; i < 20; i++) {
		h[4 + 2 * i] = hex[digest[i] >> 4];
		h[5 + 2 * i] = hex[digest[i] & 15];
	}
	h[44] = '\0';
	return id;
}

/* Pages include the same few srcs again and again; the table is emptied when it is full. */
#define ESI_IDS_MAX 1024

zend_string *tagcache_esi_fragment_id_cached(tagcache_esi_obj *o, const char *src, size_t len)
{
	if (o->ids == NULL) {
		ALLOC_HASHTABLE(o->ids);
		zend_hash_init(o->ids, 16, NULL, ZVAL_PTR_DTOR, 0);
	}
	zval *hit = zend_hash_str_find(o->ids, src, len);
	if (hit) {
		return Z_STR_P(hit);
	}
	if (zend_hash_num_elements(o->ids) >= ESI_IDS_MAX) {
		zend_hash_clean(o->ids);
	}
	zval id;
	ZVAL_STR(&id, tagcache_esi_fragment_id(src, len));
	return Z_STR_P(zend_hash_str_add_new(o->ids, src, len, &id));
}

ZEND_METHOD(TagCache_Page_EsiProcessor, fragmentIdentifier)
{
	zend_string *src;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(src)
	ZEND_PARSE_PARAMETERS_END();
	RETURN_STR(tagcache_esi_fragment_id(ZSTR_VAL(src), ZSTR_LEN(src)));
}

/* Attribute value escaping: the parser decodes exactly these entities back. */
static void escape(smart_str *s, zend_string *v)
{
	for (size_t i = 0; i < ZSTR_LEN(v); i++) {
		char c = ZSTR_VAL(v)[i];
		switch (c) {
		case '&': smart_str_appends(s, "&amp;"); break;
		case '<': smart_str_appends(s, "&lt;"); break;
		case '>': smart_str_appends(s, "&gt;"); break;
		case '"': smart_str_appends(s, "&quot;"); break;
		case '\'': smart_str_appends(s, "&apos;"); break;
		default: smart_str_appendc(s, c);
		}
	}
}

static bool check_src(zend_string *v, uint32_t arg)
{
	if (ZSTR_LEN(v) == 0 || ZSTR_LEN(v) > TC_ESI_MAX_ATTR || memchr(ZSTR_VAL(v), '\0', ZSTR_LEN(v))) {
		zend_argument_value_error(arg, "must be a non-empty string of at most %d bytes without NUL bytes", TC_ESI_MAX_ATTR);
		return false;
	}
	return true;
}

ZEND_METHOD(TagCache_Page_EsiProcessor, include)
{
	zend_string *src, *alt = NULL;
	bool cont = false;
	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_STR(src)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(alt)
		Z_PARAM_BOOL(cont)
	ZEND_PARSE_PARAMETERS_END();
	if (!check_src(src, 1) || (alt && !check_src(alt, 2))) {
		RETURN_THROWS();
	}
	smart_str s = {0};
	smart_str_appends(&s, "<esi:include src=\"");
	escape(&s, src);
	smart_str_appendc(&s, '"');
	if (alt) {
		smart_str_appends(&s, " alt=\"");
		escape(&s, alt);
		smart_str_appendc(&s, '"');
	}
	if (cont) {
		smart_str_appends(&s, " onerror=\"continue\"");
	}
	smart_str_appends(&s, "/>");
	RETURN_STR(smart_str_extract(&s));
}

ZEND_METHOD(TagCache_Page_EsiProcessor, surrogateControlHeader)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_STRING("Surrogate-Control: content=\"ESI/1.0\"");
}

ZEND_METHOD(TagCache_Page_EsiProcessor, isSurrogateCapable)
{
	zend_string *cap = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(cap)
	ZEND_PARSE_PARAMETERS_END();
	if (cap) {
		RETURN_BOOL(zend_memnstr(ZSTR_VAL(cap), "ESI/1.0", 7, ZSTR_VAL(cap) + ZSTR_LEN(cap)) != NULL);
	}
	zend_is_auto_global_str(ZEND_STRL("_SERVER"));
	/* The symbol table's $_SERVER: what the script sees, including its own changes. */
	zval *server = zend_hash_str_find_deref(&EG(symbol_table), ZEND_STRL("_SERVER"));
	if (server == NULL || Z_TYPE_P(server) != IS_ARRAY) {
		RETURN_FALSE;
	}
	zval *v = zend_hash_str_find(Z_ARRVAL_P(server), ZEND_STRL("HTTP_SURROGATE_CAPABILITY"));
	if (v == NULL) {
		RETURN_FALSE;
	}
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_STRING) {
		RETURN_FALSE;
	}
	RETURN_BOOL(zend_memnstr(Z_STRVAL_P(v), "ESI/1.0", 7, Z_STRVAL_P(v) + Z_STRLEN_P(v)) != NULL);
}
