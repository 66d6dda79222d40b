#!/usr/bin/env bash
# The README's first Quick start command on a fresh clone: `git clone` of this repository's
# HEAD into a temporary folder (uncommitted changes are not in a clone), then its
# scripts/setup-and-demo, twice (a re-run must work too). Each run must exit 0 and print the
# demo: the entries' tags, the flush across two caches, what is left, and the kept folder.
# The temporary folder is removed afterwards.
# Prints "fresh-clone quick start: PASS" or "... FAIL: <why>" last; exit status to match.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tagcache-fresh-clone.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

fail() {
	echo "fresh-clone quick start: FAIL: $*" >&2
	exit 1
}

head=$(git -C "$root" rev-parse HEAD) || fail "$root is not a git repository"
clone="$tmp/tagcache"
git clone -q --no-checkout "$root" "$clone" && git -C "$clone" checkout -q --detach "$head" ||
	fail "git clone of $root failed"
echo "fresh-clone quick start: cloned HEAD ${head:0:12} into $clone"

# How lines a working demo prints begin (examples/demo.php).
expected=(
	"Cache files go to $clone/demo-cache (kept after the demo)"
	"    post-1-teaser  tags: post-1, blog"
	"    page-home      tags: post-1, post-2, blog"
	"  Pages      page-post-1, page-home"
	"flushCachesByTag('post-1') removed 4 entries from Fragments and Pages (persistent caches are kept unless asked)"
	"  Fragments  post-1-teaser  gone"
	"  Fragments  post-2-teaser  still cached"
	"  Pages      page-home      gone"
	"  Pages      page-post-2    still cached"
	"  Code       routes         still cached"
)
for run in first second; do
	# No stdin and JOBS unset: as a user would start it.
	(cd "$clone" && env -u JOBS scripts/setup-and-demo </dev/null) >"$tmp/$run.log" 2>&1
	rc=$?
	if [ $rc -ne 0 ]; then
		tail -n 40 "$tmp/$run.log" >&2
		fail "$run run of scripts/setup-and-demo exited $rc"
	fi
	for line in "${expected[@]}"; do
		awk -v l="$line" 'index($0, l) == 1 { found = 1 } END { exit !found }' "$tmp/$run.log" || {
			cat "$tmp/$run.log" >&2
			fail "$run run: the demo did not print: $line"
		}
	done
	[ -f "$clone/demo-cache/demo/Fragments/data/post-2-teaser.php" ] ||
		fail "$run run: the demo's cache files are not in $clone/demo-cache"
	[ -z "$(git -C "$clone" status --porcelain)" ] ||
		fail "$run run left files git does not ignore: $(git -C "$clone" status --porcelain | head -n 5)"
	echo "fresh-clone quick start: $run run of scripts/setup-and-demo exited 0 and printed the demo"
done
sed -n '/^flushCachesByTag/p' "$tmp/second.log"
echo "fresh-clone quick start: PASS"
