# Installs Debian packages that are missing; sourced by scripts/setup-and-demo, tests/run-all
# and .ci/run so that the install logic exists once.
#
#   . scripts/lib/apt.sh
#   apt_install_missing LABEL pkg...   # installs only the missing ones (apt-get update first)
#   apt_update LABEL                   # an explicit `apt-get update` (.ci/run)
#
# Installs with --no-install-recommends: the package lists name everything that is needed.
# Not root: uses sudo (sudo -n without a terminal, so it never waits for a password).
# Return status: 0 when everything is installed afterwards, 1 otherwise (with a message
# saying what to run by hand).

apt_updated=0

# apt_missing pkg... : prints the packages that are not installed, one per line.
apt_missing() {
	local p
	for p in "$@"; do
		if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
			echo "$p"
		fi
	done
}

# Sets the array apt_sudo to what prefixes apt-get; returns 1 when there is no way to be root.
apt_root() {
	apt_sudo=()
	[ "$(id -u)" -eq 0 ] && return 0
	command -v sudo >/dev/null 2>&1 || return 1
	if [ -t 0 ]; then
		apt_sudo=(sudo)
	else
		apt_sudo=(sudo -n)
	fi
}

apt_update() {
	local label=$1
	apt_root || {
		echo "$label: not root and no sudo: cannot run apt-get update" >&2
		return 1
	}
	echo "$label: apt-get update"
	"${apt_sudo[@]}" apt-get update </dev/null || return 1
	apt_updated=1
}

apt_install_missing() {
	local label=$1
	shift
	if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
		echo "$label: not a Debian-like system; make sure these are installed: $*"
		return 0
	fi
	local missing
	mapfile -t missing < <(apt_missing "$@")
	if [ ${#missing[@]} -eq 0 ]; then
		echo "$label: all $# packages it needs are installed"
		return 0
	fi
	echo "$label: installing the ${#missing[@]} missing package(s): ${missing[*]}"
	if ! apt_root; then
		echo "$label: not root and no sudo; as root run:" >&2
		echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
		return 1
	fi
	if [ "$apt_updated" = 0 ]; then
		apt_update "$label" || return 1
	fi
	echo "$label: apt-get install -y --no-install-recommends ${missing[*]}"
	"${apt_sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y --no-install-recommends "${missing[@]}" </dev/null || return 1
	mapfile -t missing < <(apt_missing "$@")
	if [ ${#missing[@]} -gt 0 ]; then
		echo "$label: still missing after apt-get install: ${missing[*]}" >&2
		return 1
	fi
}
