# The Debian packages tagcache needs, in one place. Sourced by scripts/setup-and-demo
# (build_packages only) and .ci/run (both lists).
# shellcheck disable=SC2034

# Building the extension and running the demo on the file backend.
build_packages=(
	php8.2-dev
	php8.2-cli
	libhiredis-dev
	libevent-dev
	zlib1g-dev
	pkg-config
	make
	gcc
)

# The test suite: servers the tests start, sanitizers, valgrind, peers for the benchmarks,
# the PECL check, the stub generator, and what the ZTS build and php-fpm tests use.
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
	dpkg-dev
)
