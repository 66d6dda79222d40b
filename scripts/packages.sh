# The Debian packages tagcache needs, in one place. Sourced by scripts/setup-and-demo
# (build_packages only) and .ci/run (both lists).
# shellcheck disable=SC2034

# Building the extension and running the demo on the file backend.
build_packages=(
	php8.2-dev
	php8.2-cli
	libhiredis-dev
	libevent-dev
	libmemcached-dev
	zlib1g-dev
	pkg-config
	make
	gcc
)

# The test suite: servers the tests start (Redis, Varnish, nginx, php-fpm, MariaDB, PostgreSQL,
# memcached), PHP's PDO drivers and memcached extension (PdoBackend, benchmark floors),
# sanitizers, valgrind, peers for the benchmarks, system-call counts (strace) and the PHP peers
# installed with Composer, the PECL check, the stub generator, the php-fpm tests, and the ZTS PHP
# build (scripts/zts-php: dpkg-dev fetches php8.2's source, autoconf to shtool and libpcre2-dev
# build it).
test_packages=(
	git
	php-parser
	php-pear
	redis-server
	varnish
	varnish-modules
	valgrind
	clang
	libclang-rt-14-dev
	php-igbinary
	php-apcu
	php-redis
	php-symfony-cache
	gnuplot-nox
	php8.2-fpm
	libfcgi-bin
	nginx-light
	libnginx-mod-http-cache-purge
	e2fsprogs
	dpkg-dev
	autoconf
	libtool
	shtool
	libpcre2-dev
	strace
	composer
	mariadb-server
	postgresql
	memcached
	php8.2-sqlite3
	php8.2-mysql
	php8.2-pgsql
	php8.2-memcached
	libsqlite3-dev
)
