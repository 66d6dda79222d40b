#!/bin/sh
# Builds src/ standalone with the C unit tests under ASAN/UBSan and runs them.
# The last line printed is "N passed, N failed"; the exit status is non-zero on failure.
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
	"$here"/*.c
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	"$out/unit"
