dnl config.m4 for the tagcache extension.
dnl
dnl Sources are gathered with shell globs at configure time (src/, src/backend/,
dnl src/http/, src/bus/, src/page/, ext/, ext/cache/, ext/http/, ext/bus/, ext/page/), so adding a .c file needs no edit here: re-run ./configure.
dnl hiredis, libmemcached and libevent are found through pkg-config first; --with-hiredis=DIR
dnl --with-libmemcached=DIR and --with-libevent=DIR name an install prefix when pkg-config cannot help.

PHP_ARG_ENABLE([tagcache],
  [whether to enable tagcache support],
  [AS_HELP_STRING([--enable-tagcache],
    [Enable tagcache support])],
  [no])

PHP_ARG_WITH([hiredis],
  [for hiredis],
  [AS_HELP_STRING([[--with-hiredis[=DIR]]],
    [tagcache: hiredis install prefix (default: found with pkg-config)])],
  [yes],
  [no])

PHP_ARG_WITH([libmemcached],
  [for libmemcached],
  [AS_HELP_STRING([[--with-libmemcached[=DIR]]],
    [tagcache: libmemcached install prefix (default: found with pkg-config)])],
  [yes],
  [no])

PHP_ARG_WITH([libevent],
  [for libevent],
  [AS_HELP_STRING([[--with-libevent[=DIR]]],
    [tagcache: libevent install prefix (default: found with pkg-config)])],
  [yes],
  [no])

if test "$PHP_TAGCACHE" != "no"; then
  tagcache_srcdir="PHP_EXT_SRCDIR([tagcache])"

  dnl ---------------------------------------------------------------- hiredis
  if test "$PHP_HIREDIS" = "no"; then
    AC_MSG_ERROR([tagcache needs hiredis; --without-hiredis is not supported])
  fi

  tagcache_hiredis_found=no
  if test "$PHP_HIREDIS" = "yes"; then
    PKG_CHECK_MODULES([TAGCACHE_HIREDIS], [hiredis >= 0.13],
      [tagcache_hiredis_found=yes], [tagcache_hiredis_found=no])
  fi

  if test "$tagcache_hiredis_found" = "yes"; then
    PHP_EVAL_INCLINE([$TAGCACHE_HIREDIS_CFLAGS])
    PHP_EVAL_LIBLINE([$TAGCACHE_HIREDIS_LIBS], [TAGCACHE_SHARED_LIBADD])
    tagcache_hiredis_version=`$PKG_CONFIG --modversion hiredis 2>/dev/null`
  else
    AC_MSG_CHECKING([for hiredis headers])
    if test "$PHP_HIREDIS" != "yes"; then
      tagcache_hiredis_search="$PHP_HIREDIS"
    else
      tagcache_hiredis_search="/usr/local /usr /opt/homebrew /opt/local"
    fi
    tagcache_hiredis_dir=
    for tagcache_d in $tagcache_hiredis_search; do
      if test -r "$tagcache_d/include/hiredis/hiredis.h"; then
        tagcache_hiredis_dir=$tagcache_d
        break
      fi
    done
    if test -z "$tagcache_hiredis_dir"; then
      AC_MSG_RESULT([not found])
      AC_MSG_ERROR([hiredis not found: install libhiredis-dev or pass --with-hiredis=DIR])
    fi
    AC_MSG_RESULT([$tagcache_hiredis_dir])

    PHP_CHECK_LIBRARY([hiredis], [redisConnect], [
      PHP_ADD_INCLUDE([$tagcache_hiredis_dir/include])
      PHP_ADD_LIBRARY_WITH_PATH([hiredis], [$tagcache_hiredis_dir/$PHP_LIBDIR], [TAGCACHE_SHARED_LIBADD])
    ], [
      AC_MSG_ERROR([libhiredis not usable in $tagcache_hiredis_dir/$PHP_LIBDIR (see config.log)])
    ], [-L$tagcache_hiredis_dir/$PHP_LIBDIR])

    dnl The header spells its version as three integer macros.
    tagcache_h="$tagcache_hiredis_dir/include/hiredis/hiredis.h"
    tagcache_hiredis_version=`sed -n 's/^#define HIREDIS_MAJOR \([[0-9]]*\).*/\1/p' "$tagcache_h"`.`sed -n 's/^#define HIREDIS_MINOR \([[0-9]]*\).*/\1/p' "$tagcache_h"`.`sed -n 's/^#define HIREDIS_PATCH \([[0-9]]*\).*/\1/p' "$tagcache_h"`
  fi
  test -z "$tagcache_hiredis_version" && tagcache_hiredis_version=unknown
  AC_DEFINE_UNQUOTED([TAGCACHE_HIREDIS_VERSION], ["$tagcache_hiredis_version"],
    [hiredis version tagcache was built against])

  dnl --------------------------------------------------------------- libevent
  if test "$PHP_LIBEVENT" = "no"; then
    AC_MSG_ERROR([tagcache needs libevent; --without-libevent is not supported])
  fi

  dnl libevent_core (event loop, buffers, bufferevents) is all src/http/ needs;
  dnl plain "libevent" (which adds evdns/evhttp) is the fallback.
  tagcache_libevent_found=no
  if test "$PHP_LIBEVENT" = "yes"; then
    PKG_CHECK_MODULES([TAGCACHE_EVCORE], [libevent_core >= 2.0], [
      tagcache_libevent_found=yes
      tagcache_libevent_pc=libevent_core
      tagcache_libevent_cflags=$TAGCACHE_EVCORE_CFLAGS
      tagcache_libevent_libs=$TAGCACHE_EVCORE_LIBS
    ], [
      PKG_CHECK_MODULES([TAGCACHE_EVENT], [libevent >= 2.0], [
        tagcache_libevent_found=yes
        tagcache_libevent_pc=libevent
        tagcache_libevent_cflags=$TAGCACHE_EVENT_CFLAGS
        tagcache_libevent_libs=$TAGCACHE_EVENT_LIBS
      ], [tagcache_libevent_found=no])
    ])
  fi

  if test "$tagcache_libevent_found" = "yes"; then
    PHP_EVAL_INCLINE([$tagcache_libevent_cflags])
    PHP_EVAL_LIBLINE([$tagcache_libevent_libs], [TAGCACHE_SHARED_LIBADD])
    tagcache_libevent_version=`$PKG_CONFIG --modversion $tagcache_libevent_pc 2>/dev/null`
  else
    AC_MSG_CHECKING([for libevent headers])
    if test "$PHP_LIBEVENT" != "yes"; then
      tagcache_libevent_search="$PHP_LIBEVENT"
    else
      tagcache_libevent_search="/usr/local /usr /opt/homebrew /opt/local"
    fi
    tagcache_libevent_dir=
    for tagcache_d in $tagcache_libevent_search; do
      if test -r "$tagcache_d/include/event2/event.h"; then
        tagcache_libevent_dir=$tagcache_d
        break
      fi
    done
    if test -z "$tagcache_libevent_dir"; then
      AC_MSG_RESULT([not found])
      AC_MSG_ERROR([libevent 2 not found: install libevent-dev or pass --with-libevent=DIR])
    fi
    AC_MSG_RESULT([$tagcache_libevent_dir])

    tagcache_libevent_lib=
    PHP_CHECK_LIBRARY([event_core], [event_base_new], [tagcache_libevent_lib=event_core], [
      PHP_CHECK_LIBRARY([event], [event_base_new], [tagcache_libevent_lib=event], [],
        [-L$tagcache_libevent_dir/$PHP_LIBDIR])
    ], [-L$tagcache_libevent_dir/$PHP_LIBDIR])
    if test -z "$tagcache_libevent_lib"; then
      AC_MSG_ERROR([libevent not usable in $tagcache_libevent_dir/$PHP_LIBDIR (see config.log)])
    fi
    PHP_ADD_INCLUDE([$tagcache_libevent_dir/include])
    PHP_ADD_LIBRARY_WITH_PATH([$tagcache_libevent_lib], [$tagcache_libevent_dir/$PHP_LIBDIR], [TAGCACHE_SHARED_LIBADD])

    tagcache_libevent_version=`sed -n 's/^#define EVENT__VERSION "\(.*\)"/\1/p' "$tagcache_libevent_dir/include/event2/event-config.h" 2>/dev/null`
  fi
  test -z "$tagcache_libevent_version" && tagcache_libevent_version=unknown
  AC_DEFINE_UNQUOTED([TAGCACHE_LIBEVENT_VERSION], ["$tagcache_libevent_version"],
    [libevent version tagcache was built against])

  dnl ----------------------------------------------------------- libmemcached
  dnl MemcachedBackend.
  if test "$PHP_LIBMEMCACHED" = "no"; then
    AC_MSG_ERROR([tagcache needs libmemcached; --without-libmemcached is not supported])
  fi

  tagcache_libmemcached_found=no
  if test "$PHP_LIBMEMCACHED" = "yes"; then
    PKG_CHECK_MODULES([TAGCACHE_LIBMEMCACHED], [libmemcached >= 1.0],
      [tagcache_libmemcached_found=yes], [tagcache_libmemcached_found=no])
  fi

  if test "$tagcache_libmemcached_found" = "yes"; then
    PHP_EVAL_INCLINE([$TAGCACHE_LIBMEMCACHED_CFLAGS])
    PHP_EVAL_LIBLINE([$TAGCACHE_LIBMEMCACHED_LIBS], [TAGCACHE_SHARED_LIBADD])
    tagcache_libmemcached_version=`$PKG_CONFIG --modversion libmemcached 2>/dev/null`
  else
    AC_MSG_CHECKING([for libmemcached headers])
    if test "$PHP_LIBMEMCACHED" != "yes"; then
      tagcache_libmemcached_search="$PHP_LIBMEMCACHED"
    else
      tagcache_libmemcached_search="/usr/local /usr /opt/homebrew /opt/local"
    fi
    tagcache_libmemcached_dir=
    for tagcache_d in $tagcache_libmemcached_search; do
      if test -r "$tagcache_d/include/libmemcached/memcached.h"; then
        tagcache_libmemcached_dir=$tagcache_d
        break
      fi
    done
    if test -z "$tagcache_libmemcached_dir"; then
      AC_MSG_RESULT([not found])
      AC_MSG_ERROR([libmemcached not found: install libmemcached-dev or pass --with-libmemcached=DIR])
    fi
    AC_MSG_RESULT([$tagcache_libmemcached_dir])

    PHP_CHECK_LIBRARY([memcached], [memcached_create], [
      PHP_ADD_INCLUDE([$tagcache_libmemcached_dir/include])
      PHP_ADD_LIBRARY_WITH_PATH([memcached], [$tagcache_libmemcached_dir/$PHP_LIBDIR], [TAGCACHE_SHARED_LIBADD])
    ], [
      AC_MSG_ERROR([libmemcached not usable in $tagcache_libmemcached_dir/$PHP_LIBDIR (see config.log)])
    ], [-L$tagcache_libmemcached_dir/$PHP_LIBDIR])

    tagcache_libmemcached_version=`sed -n 's/^#define LIBMEMCACHED_VERSION_STRING "\(.*\)"/\1/p' "$tagcache_libmemcached_dir/include/libmemcached-1.0/configure.h" 2>/dev/null`
  fi
  test -z "$tagcache_libmemcached_version" && tagcache_libmemcached_version=unknown
  AC_DEFINE_UNQUOTED([TAGCACHE_LIBMEMCACHED_VERSION], ["$tagcache_libmemcached_version"],
    [libmemcached version tagcache was built against])

  dnl ---------------------------------------------------------------- zlib
  dnl RedisBackend's compressionLevel.
  PKG_CHECK_MODULES([TAGCACHE_ZLIB], [zlib], [
    PHP_EVAL_INCLINE([$TAGCACHE_ZLIB_CFLAGS])
    PHP_EVAL_LIBLINE([$TAGCACHE_ZLIB_LIBS], [TAGCACHE_SHARED_LIBADD])
  ], [
    PHP_CHECK_LIBRARY([z], [compress2], [
      PHP_ADD_LIBRARY([z], [1], [TAGCACHE_SHARED_LIBADD])
    ], [
      AC_MSG_ERROR([zlib not found: install zlib1g-dev])
    ])
  ])

  dnl ---------------------------------------------------------------- sources
  dnl Every .c file under these folders is part of the module; a glob that
  dnl matches nothing (folder still empty) is skipped.
  tagcache_sources=
  for tagcache_f in "$tagcache_srcdir"/src/*.c "$tagcache_srcdir"/src/backend/*.c \
                    "$tagcache_srcdir"/src/http/*.c "$tagcache_srcdir"/ext/*.c \
                    "$tagcache_srcdir"/ext/cache/*.c "$tagcache_srcdir"/ext/http/*.c \
                    "$tagcache_srcdir"/src/bus/*.c "$tagcache_srcdir"/ext/bus/*.c \
                    "$tagcache_srcdir"/src/page/*.c "$tagcache_srcdir"/ext/page/*.c; do
    test -f "$tagcache_f" || continue
    tagcache_sources="$tagcache_sources ${tagcache_f#"$tagcache_srcdir"/}"
  done
  if test -z "$tagcache_sources"; then
    AC_MSG_ERROR([no tagcache sources found under $tagcache_srcdir])
  fi
  AC_MSG_CHECKING([for tagcache sources])
  AC_MSG_RESULT([$tagcache_sources])

  dnl -Wno-unused-parameter: Zend's function macros (PHP_MINIT_FUNCTION,
  dnl PHP_METHOD, ...) declare parameters most bodies never use; php-src
  dnl itself builds with the same exception. -MP gives every header a phony rule in
  dnl the .dep files, so an incremental build survives a header that was removed.
  TAGCACHE_CFLAGS="-std=gnu11 -MP -Wall -Wextra -Wno-unused-parameter -fvisibility=hidden -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"
  PHP_SUBST([TAGCACHE_CFLAGS])
  PHP_SUBST([TAGCACHE_SHARED_LIBADD])

  AC_DEFINE([HAVE_TAGCACHE], [1], [Whether tagcache is enabled])

  PHP_NEW_EXTENSION([tagcache], [$tagcache_sources], [$ext_shared], [], [$TAGCACHE_CFLAGS])

  PHP_ADD_INCLUDE([$tagcache_srcdir/src])
  PHP_ADD_INCLUDE([$tagcache_srcdir/ext])
  PHP_ADD_INCLUDE([$tagcache_srcdir/ext/cache])
  PHP_ADD_INCLUDE([$tagcache_srcdir/ext/http])
  PHP_ADD_INCLUDE([$tagcache_srcdir/ext/bus])
  PHP_ADD_INCLUDE([$tagcache_srcdir/ext/page])
  PHP_ADD_INCLUDE([$tagcache_srcdir/stubs])
  PHP_ADD_BUILD_DIR([$ext_builddir/src])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/backend])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/http])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/cache])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/http])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/bus])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/bus])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/page])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/page])
fi
