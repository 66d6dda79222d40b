#!/bin/sh
# Builds src/ standalone with the C unit tests under ASAN/UBSan and runs them.
# The last line printed is "N passed, N failed" (", N skipped" when a suite could not run,
# e.g. without redis-server); the exit status is non-zero on failure.
# Needs libhiredis-dev, zlib1g-dev, libevent-dev and libsqlite3-dev; the Redis tests start their own redis-server.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${TMPDIR:-/tmp}/tagcache-unit-$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
CC=${CC:-cc}
# shellcheck disable=SC2046
$CC -std=c11 -Wall -Wextra -Werror -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-o "$out/unit" \
	$(find "$root/src" -maxdepth 1 -name '*.c') \
	$(find "$root/src/backend" -name '*.c') \
	$(find "$root/src/http" -name '*.c') \
	$(find "$root/src/bus" -name '*.c') \
	$(find "$root/src/page" -name '*.c' 2>/dev/null) \
	"$here"/*.c \
	-lhiredis -lmemcached -lz -lsqlite3 $(pkg-config --libs libevent_core 2>/dev/null || echo -levent_core) -pthread
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	"$out/unit"
