#!/usr/bin/env bash
# Builds the libFuzzer targets tests/fuzz/fuzz_*.c (clang, ASAN + UBSan) and runs each for a
# bounded time, so the parsers of untrusted bytes (entry headers, Redis replies and payloads,
# proxy answers, purge inputs, identifiers) get fuzzed on every test run.
#
# The committed seeds in tests/fuzz/corpus/<target>/ are only read: new inputs go to a temp
# directory. A crash, leak, timeout or invariant failure fails the target; its input and log
# are kept in tmp/fuzz/<target>/, the binaries in tmp/fuzz/bin/. Prints each target's executions; the LAST line is
# "N passed, N failed" (", N skipped" when clang or libFuzzer is missing). Exit 1 on failure.
#
# env: TAGCACHE_FUZZ_SECONDS=N  seconds per target (default 10)
#      TAGCACHE_FUZZ_TARGETS="a b" only these targets (names without fuzz_)
#      JOBS=N                   targets run in parallel (default 2)
#      CLANG=/path/to/clang     (default clang, then clang-14)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
secs=${TAGCACHE_FUZZ_SECONDS:-10}
jobs=${JOBS:-2}
keep="$root/tmp/fuzz"

targets=()
for f in "$here"/fuzz_*.c; do
	t=${f##*/fuzz_}
	targets+=("${t%.c}")
done
[ -n "${TAGCACHE_FUZZ_TARGETS:-}" ] && read -r -a targets <<<"$TAGCACHE_FUZZ_TARGETS"

# Sources each target links besides its own file, and its longest input.
sources() {
	case $1 in
	ident) echo "src/tc_ident.c" ;;
	codec) echo "src/zlib_codec.c src/tc_alloc.c src/tc_status.c" ;;
	entry) echo "src/tc_ident.c src/tc_alloc.c src/tc_status.c" ;; # includes file_format.c
	purge) echo "src/http/tc_purge.c src/http/tc_regex.c src/http/tc_check.c src/http/tc_request.c src/tc_map.c src/tc_alloc.c src/tc_status.c" ;;
	response) echo "src/http/tc_response.c" ;;
	bus) echo "src/bus/tc_bus_codec.c src/bus/tc_bus_decode.c src/tc_strlist.c src/tc_alloc.c src/tc_status.c" ;;
	esi) echo "src/page/tc_esi_parse.c src/page/tc_esi_assemble.c src/tc_alloc.c src/tc_status.c" ;;
	page) echo "src/page/tc_page_record.c" ;;
	redis) echo src/backend/redis*.c "src/tc_poll.c src/zlib_codec.c src/tc_backend.c src/tc_clock.c src/tc_map.c src/tc_alloc.c src/tc_status.c src/tc_ident.c src/tc_strlist.c" ;;
	esac
}
max_len() {
	case $1 in
	ident) echo 512 ;;
	entry) echo 6000 ;; # past the 4096-byte first read, so long headers take the heap path
	*) echo 4096 ;;
	esac
}

skip_all() {
	echo "SKIP: $1"
	echo "0 passed, 0 failed, ${#targets[@]} skipped"
	exit 0
}

cc=${CLANG:-}
if [ -z "$cc" ]; then
	for c in clang clang-14; do
		command -v "$c" >/dev/null 2>&1 && cc=$c && break
	done
fi
[ -n "$cc" ] || skip_all "clang not found (install clang and libclang-rt-14-dev)"

out=$(mktemp -d "${TMPDIR:-/tmp}/tagcache-fuzz.XXXXXX")
trap 'rm -rf "$out"' EXIT
flags=(-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
	-fno-sanitize-recover=undefined -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror)
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
	>"$out/probe.c"
"$cc" "${flags[@]}" -o "$out/probe" "$out/probe.c" >/dev/null 2>&1 ||
	skip_all "$cc cannot link -fsanitize=fuzzer (install libclang-rt-14-dev)"
libs=(-lhiredis -lz -pthread)

mkdir -p "$keep"
passed=0
failed=0

# Builds and runs one target; writes its verdict to $out/<t>.result.
run_one() {
	local t=$1 bin="$out/fuzz_$1" log="$out/$1.log" srcs
	srcs=$(sources "$t")
	rm -rf "${keep:?}/$t" "$keep/$t.build.log"
	# shellcheck disable=SC2086
	if ! (cd "$root" && "$cc" "${flags[@]}" -o "$bin" "tests/fuzz/fuzz_$t.c" $srcs "${libs[@]}") \
		>"$out/$t.build" 2>&1; then
		cp "$out/$t.build" "$keep/$t.build.log"
		echo "FAIL build (log tmp/fuzz/$t.build.log)" >"$out/$t.result"
		return
	fi
	mkdir -p "$out/corpus-$t" "$out/artifacts-$t" "$keep/bin"
	cp "$bin" "$keep/bin/"
	local seeds=()
	[ -d "$here/corpus/$t" ] && seeds=("$here/corpus/$t")
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$bin" -max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/artifacts-$t/" \
		"$out/corpus-$t" "${seeds[@]}" >"$log" 2>&1
	local rc=$?
	local execs
	execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
	if [ $rc -eq 0 ] && ! ls "$out/artifacts-$t"/* >/dev/null 2>&1; then
		echo "PASS ${execs:-?} executions" >"$out/$t.result"
	else
		mkdir -p "$keep/$t"
		cp "$log" "$keep/$t/fuzz.log"
		cp "$out/artifacts-$t"/* "$keep/$t/" 2>/dev/null
		echo "FAIL exit $rc after ${execs:-?} executions (log and input in tmp/fuzz/$t/)" \
			>"$out/$t.result"
	fi
}

echo "fuzzing ${#targets[@]} targets for ${secs}s each, $jobs at a time ($cc)"
running=0
for t in "${targets[@]}"; do
	if [ -z "$(sources "$t")" ]; then
		echo "unknown target $t" >"$out/$t.result"
		continue
	fi
	run_one "$t" &
	running=$((running + 1))
	if [ $running -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

for t in "${targets[@]}"; do
	r=$(cat "$out/$t.result" 2>/dev/null || echo "FAIL no result")
	echo "$t: $r"
	case $r in
	PASS*) passed=$((passed + 1)) ;;
	*)
		failed=$((failed + 1))
		grep -m 4 -E 'ERROR|runtime error|SUMMARY|^[^ ]+\.c:[0-9]+' "$out/$t.log" 2>/dev/null |
			sed 's/^/    /'
		;;
	esac
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
