#!/usr/bin/env bash
# The README's Install section, run for real (called by scripts/pecl-check, as root):
#   make install                      (of BUILD_DIR, into PHP's extension dir)
#   echo 'extension=tagcache.so' > /etc/php/8.2/mods-available/tagcache.ini
#   phpenmod tagcache
#   php --ri tagcache                 (no -d extension: the ini file loads it)
#   php-fpm reload                    (USR2 to a php-fpm master this script started; it is
#                                      what `systemctl reload php8.2-fpm` sends) and a request
#                                      through cgi-fcgi that sees the extension
# Everything it changed is undone at exit, failed step or not: the rest of the test suite loads
# the extension with -d extension=..., which a globally enabled tagcache.so would turn into
# "already loaded" warnings. Where the kernel allows it (unshare -m), the steps run in a private
# mount namespace on copies of /etc/php, the extension dir and phpenmod's state, so that even a
# killed run leaves the machine's PHP as it was.
#
#   scripts/lib/install-check.sh BUILD_DIR     (BUILD_DIR: where make built modules/tagcache.so)
#   env: TAGCACHE_INSTALL_NS=no  no private mount namespace (the machine's files, undone at exit)
# Prints "install-check: PASS" or "install-check: FAIL: <why>" last; exit status to match.
set -uo pipefail

builddir=${1:?usage: install-check.sh BUILD_DIR}
php=${PHP:-php}

fail() {
	echo "install-check: FAIL: $*" >&2
	exit 1
}
say() { echo "install-check: $*"; }

[ "$(id -u)" -eq 0 ] || fail "needs root (writes PHP's extension dir and /etc/php)"
[ -f "$builddir/Makefile" ] && [ -f "$builddir/modules/tagcache.so" ] ||
	fail "$builddir has no built modules/tagcache.so"
for tool in "$php" php-config phpenmod phpdismod make; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (install php8.2-dev / php8.2-cli)"
done

ver=$("$php" -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
ext_dir=$(php-config --extension-dir)
ini=/etc/php/$ver/mods-available/tagcache.ini
fpm=$(command -v "php-fpm$ver" || true)
cgi_fcgi=$(command -v cgi-fcgi || true)

# A private view of the files the install changes: re-run this script inside a new mount
# namespace, then bind copies over the real paths.
# TAGCACHE_INSTALL_NS=no changes the machine's files directly (still undone at exit).
if [ -z "${TAGCACHE_INSTALL_NS:-}" ] && command -v unshare >/dev/null 2>&1 &&
	unshare -m --propagation private true 2>/dev/null; then
	TAGCACHE_INSTALL_NS=1 exec unshare -m --propagation private "$0" "$@"
fi

if [ -e "$ini" ] || "$php" -m 2>/dev/null | grep -qx tagcache; then
	fail "tagcache is already installed or enabled here ($ini); this check installs it itself"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tagcache-install.XXXXXX")
so="$ext_dir/tagcache.so"
so_backup=
enabled=no
fpm_pid=

cleanup() {
	if [ -n "$fpm_pid" ]; then
		kill -TERM "$fpm_pid" 2>/dev/null
		wait "$fpm_pid" 2>/dev/null
	fi
	if [ $enabled = yes ]; then
		phpdismod tagcache
		# phpdismod remembers "disabled by admin"; forget tagcache entirely, as before the check.
		rm -f /var/lib/php/modules/"$ver"/*/*_by_*/tagcache /var/lib/php/modules/"$ver"/registry/tagcache
		find /var/lib/php/modules -depth -type d 2>/dev/null | while read -r d; do
			grep -qxF "$d" <<<"$state_dirs" || rmdir "$d" 2>/dev/null
		done
	fi
	rm -f "$ini"
	if [ -n "$so_backup" ]; then
		cp -p "$so_backup" "$so"
	else
		rm -f "$so"
	fi
	# Whatever happened above, the machine's php must not load tagcache on its own now.
	if "$php" -m 2>/dev/null | grep -qx tagcache; then
		echo "install-check: FAIL: tagcache is still enabled after clean-up; run: phpdismod tagcache; rm -f $ini" >&2
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${TAGCACHE_INSTALL_NS:-0}" = 1 ]; then
	for d in /etc/php "$ext_dir" /var/lib/php/modules; do
		[ -d "$d" ] || continue
		mkdir -p "$tmp/private$d"
		cp -a "$d/." "$tmp/private$d/" && mount --bind "$tmp/private$d" "$d" ||
			fail "cannot put a private copy over $d"
	done
	say "working in a private mount namespace (copies of /etc/php, $ext_dir, /var/lib/php/modules)"
else
	say "no mount namespace here: changing the machine's PHP, undone at exit"
fi
[ -e "$so" ] && so_backup="$tmp/tagcache.so.orig" && cp -p "$so" "$so_backup"

# A php-fpm master of our own, started before the install, so that the reload is what makes it
# see the extension.
probe() {
	SCRIPT_FILENAME="$tmp/www/probe.php" SCRIPT_NAME=/probe.php REQUEST_METHOD=GET \
		"$cgi_fcgi" -bind -connect "$tmp/fpm.sock" 2>/dev/null | grep '^tagcache: '
}
# wait_probe TEXT: asks the pool until the answer is TEXT (bounded: a reload re-executes php-fpm).
wait_probe() {
	local deadline=$((SECONDS + 30)) got=
	while [ $SECONDS -lt $deadline ]; do
		got=$(probe)
		[ "$got" = "$1" ] && return 0
		kill -0 "$fpm_pid" 2>/dev/null || break
	done
	echo "install-check: php-fpm answered '${got:-nothing}', expected '$1'; its log:" >&2
	cat "$tmp/fpm.log" >&2 2>/dev/null
	return 1
}
if [ -z "$fpm" ] || [ -z "$cgi_fcgi" ]; then
	fail "php-fpm$ver or cgi-fcgi not found (install php$ver-fpm libfcgi-bin)"
fi
mkdir -p "$tmp/www"
cat >"$tmp/www/probe.php" <<'PHP'
<?php
echo extension_loaded('tagcache') ? 'tagcache: loaded ' . phpversion('tagcache') : 'tagcache: not loaded', "\n";
PHP
cat >"$tmp/fpm.conf" <<CONF
[global]
pid = $tmp/fpm.pid
error_log = $tmp/fpm.log
daemonize = no
[probe]
listen = $tmp/fpm.sock
pm = static
pm.max_children = 1
CONF
"$fpm" -F -R -y "$tmp/fpm.conf" </dev/null >>"$tmp/fpm.log" 2>&1 &
fpm_pid=$!
wait_probe "tagcache: not loaded" || fail "php-fpm did not answer before the install"
say "php-fpm (pid $fpm_pid) answers: tagcache: not loaded"

say "make install"
(cd "$builddir" && make install) >"$tmp/make-install.log" 2>&1 || {
	cat "$tmp/make-install.log" >&2
	fail "make install failed"
}
[ -f "$so" ] || fail "make install did not put tagcache.so into $ext_dir"

say "echo 'extension=tagcache.so' > $ini"
echo 'extension=tagcache.so' >"$ini" || fail "cannot write $ini"

say "phpenmod tagcache"
state_dirs=$(find /var/lib/php/modules -type d 2>/dev/null)
enabled=yes
phpenmod tagcache || fail "phpenmod tagcache exited $?"

say "php --ri tagcache"
"$php" --ri tagcache >"$tmp/ri.out" 2>"$tmp/ri.err"
rc=$?
cat "$tmp/ri.out"
[ $rc -eq 0 ] || fail "php --ri tagcache exited $rc"
[ -s "$tmp/ri.err" ] && {
	cat "$tmp/ri.err" >&2
	fail "php --ri tagcache wrote to stderr"
}
grep -q '^tagcache support => enabled$' "$tmp/ri.out" || fail "php --ri tagcache does not say enabled"
grep -qiE 'warning|already loaded' "$tmp/ri.out" && fail "php --ri tagcache printed a warning"

say "reload php-fpm: kill -USR2 $fpm_pid (what systemctl reload php$ver-fpm sends)"
kill -USR2 "$fpm_pid" || fail "cannot signal php-fpm"
version=$("$php" -r 'echo phpversion("tagcache");')
wait_probe "tagcache: loaded $version" || fail "after the reload php-fpm does not load tagcache"
say "php-fpm answers: tagcache: loaded $version"

say "PASS"
