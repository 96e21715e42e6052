#!/usr/bin/env bash
# Run the TLC model checker on a TLA+ module.
#
#   tools/tlc.sh [--workers N] [--deadlock] [--tool] [--fast-start] [--liveness-final] [--dump-dir DIR] <Module.tla> [Config.cfg]
#   tools/tlc.sh --which-jar
#   tools/tlc.sh --fetch-jar
#
# Runs, from the module's directory:
#   java -XX:+UseParallelGC -cp JAR tlc2.TLC -workers N [-deadlock] [-tool] \
#        -config CFG -metadir DIR/meta -teSpecOutDir DIR/te MODULE
#
# Options:
#   --workers N     TLC worker threads: a positive integer or "auto" (default 1).
#   --deadlock      pass TLC's -deadlock, which DISABLES deadlock checking.
#   --tool          pass TLC's -tool (machine-readable @!@!@STARTMSG/ENDMSG framing).
#   --fast-start    for small models, where JVM start-up dominates (the fuzzer): the C1
#                   compiler only, the serial GC, and a class-data archive of TLC's classes
#                   (-XX:SharedArchiveFile), written on the first such run next to the cached
#                   jar and reused by later ones. Roughly 3x faster on models of a few
#                   thousand states; slower on large ones.
#   --liveness-final  pass TLC's -lncheck final: check liveness once, after the whole state
#                   graph is built, instead of periodically; a liveness violation then comes
#                   with the complete distinct-state count (periodic checks can stop TLC with
#                   states still on its queue).
#   --dump-dir DIR  keep TLC's scratch output (metadir with the state queue/fingerprints
#                   under DIR/meta, trace-exploration spec *_TTrace_*.tla under DIR/te)
#                   in DIR. Without it a temporary directory is used and deleted, so TLC
#                   never writes *_TTrace_* files next to the module.
#   --fetch-jar     make sure a jar is available (downloading the pinned release as in 3.
#                   below if none is found), print its path and exit 0 (CI fetches it
#                   before the tests so that the TLC tests run).
#   --which-jar     print the path of the tla2tools.jar that would be used and exit 0;
#                   exit 3 with instructions if none is available locally (never downloads).
#   Config.cfg defaults to Module.cfg beside the module.
#
# The jar is taken from, in order:
#   1. $TLA2TOOLS_JAR (must name an existing file when set);
#   2. ${XDG_CACHE_HOME:-$HOME/.cache}/daxspec/tla2tools.jar;
#   3. a download of the pinned official release below (checked against its SHA-256,
#      then moved into the cache path). Set DAXSPEC_TLC_OFFLINE=1 to forbid the download.
#
# Exit status: TLC's own status (0 ok, 10-13 violations, 75-77 evaluation failures,
# 150-153 parse/config/system errors, ...), 2 for a usage error, 3 when no jar is available.
set -euo pipefail

readonly TLA2TOOLS_RELEASE="v1.7.4"
readonly TLA2TOOLS_URL="https://github.com/tlaplus/tlaplus/releases/download/v1.7.4/tla2tools.jar"
# SHA-256 of the v1.7.4 release asset above (TLC "Version 2.19 of 08 August 2024 (rev: 5a47802)").
# Not checked by us against the live release page (no network where this was written); it is
# the digest that many independent public projects pin for this exact URL. If a download ever
# fails verification, compare with the digest GitHub shows on the release page before changing it.
readonly TLA2TOOLS_SHA256="936a262061c914694dfd669a543be24573c45d5aa0ff20a8b96b23d01e050e88"

readonly EXIT_USAGE=2
readonly EXIT_NO_JAR=3

prog="${0##*/}"

usage() {
	printf 'usage: %s [--workers N] [--deadlock] [--tool] [--fast-start] [--liveness-final] [--dump-dir DIR] <Module.tla> [Config.cfg]\n' "$prog" >&2
	printf '       %s --which-jar\n' "$prog" >&2
	printf '       %s --fetch-jar\n' "$prog" >&2
}

die_usage() {
	printf '%s: %s\n' "$prog" "$1" >&2
	usage
	exit "$EXIT_USAGE"
}

cache_jar_path() {
	local cache_root="${XDG_CACHE_HOME:-}"
	if [[ -z "$cache_root" ]]; then
		cache_root="${HOME:?HOME is not set}/.cache"
	fi
	printf '%s/daxspec/tla2tools.jar\n' "$cache_root"
}

no_jar() {
	# $1: a sentence saying why there is no jar.
	local cache_jar
	cache_jar="$(cache_jar_path)"
	{
		printf '%s: no TLA+ tools jar (tla2tools.jar) available: %s\n' "$prog" "$1"
		printf 'Provide one in either of these ways:\n'
		printf '  - set TLA2TOOLS_JAR=/path/to/tla2tools.jar\n'
		printf '  - or put the jar at %s\n' "$cache_jar"
		printf 'Without either, %s downloads %s (%s),\n' "$prog" "$TLA2TOOLS_URL" "$TLA2TOOLS_RELEASE"
		printf 'verifies its SHA-256 (%s) and stores it at that cache path\n' "$TLA2TOOLS_SHA256"
		printf '(disabled when DAXSPEC_TLC_OFFLINE=1).\n'
	} >&2
	exit "$EXIT_NO_JAR"
}

# Sets $jar to the jar to use without touching the network; returns 1 when there is none.
# A TLA2TOOLS_JAR that does not name a readable file is an error (exit 3), not a fallback.
jar=""
find_local_jar() {
	local explicit="${TLA2TOOLS_JAR:-}"
	if [[ -n "$explicit" ]]; then
		if [[ -f "$explicit" && -r "$explicit" ]]; then
			# absolute, because TLC runs from the module's directory
			jar="$(cd -- "$(dirname -- "$explicit")" && pwd -P)/$(basename -- "$explicit")"
			return 0
		fi
		no_jar "TLA2TOOLS_JAR is set to '$explicit', which is not a readable file"
	fi
	local cache_jar
	cache_jar="$(cache_jar_path)"
	if [[ -f "$cache_jar" && -r "$cache_jar" ]]; then
		jar="$(cd -- "$(dirname -- "$cache_jar")" && pwd -P)/$(basename -- "$cache_jar")"
		return 0
	fi
	return 1
}

download_jar() {
	local cache_jar cache_dir tmp actual
	cache_jar="$(cache_jar_path)"
	cache_dir="$(dirname -- "$cache_jar")"
	if [[ "${DAXSPEC_TLC_OFFLINE:-}" == "1" ]]; then
		no_jar "none found locally and DAXSPEC_TLC_OFFLINE=1 forbids downloading"
	fi
	if [[ ! "$TLA2TOOLS_SHA256" =~ ^[0-9a-f]{64}$ ]]; then
		no_jar "refusing to download $TLA2TOOLS_URL without a pinned SHA-256 to verify it"
	fi
	command -v curl >/dev/null 2>&1 || no_jar "curl is not installed, so $TLA2TOOLS_URL cannot be downloaded"
	command -v sha256sum >/dev/null 2>&1 || no_jar "sha256sum is not installed, so a download cannot be verified"
	mkdir -p -- "$cache_dir" || no_jar "cannot create the cache directory $cache_dir"
	tmp="$(mktemp -- "$cache_dir/.tla2tools.jar.XXXXXX")" || no_jar "cannot create a temporary file in $cache_dir"
	printf '%s: downloading %s ...\n' "$prog" "$TLA2TOOLS_URL" >&2
	if ! curl --fail --location --silent --show-error --proto '=https' \
		--connect-timeout 20 --max-time 300 --output "$tmp" -- "$TLA2TOOLS_URL"; then
		rm -f -- "$tmp"
		no_jar "downloading $TLA2TOOLS_URL failed"
	fi
	actual="$(sha256sum -- "$tmp")"
	actual="${actual%% *}"
	if [[ "$actual" != "$TLA2TOOLS_SHA256" ]]; then
		rm -f -- "$tmp"
		no_jar "the download has SHA-256 $actual, expected $TLA2TOOLS_SHA256; it was discarded"
	fi
	mv -f -- "$tmp" "$cache_jar"
	jar="$cache_jar"
}

# ---- arguments ---------------------------------------------------------------

workers="1"
deadlock=0
tool=0
fast_start=0
liveness_final=0
dump_dir=""
which_jar=0
fetch_jar=0
positional=()

while (($# > 0)); do
	case "$1" in
	--workers)
		(($# >= 2)) || die_usage "--workers needs a value"
		workers="$2"
		shift 2
		;;
	--workers=*)
		workers="${1#--workers=}"
		shift
		;;
	--deadlock)
		deadlock=1
		shift
		;;
	--tool)
		tool=1
		shift
		;;
	--fast-start)
		fast_start=1
		shift
		;;
	--liveness-final)
		liveness_final=1
		shift
		;;
	--dump-dir)
		(($# >= 2)) || die_usage "--dump-dir needs a directory"
		dump_dir="$2"
		shift 2
		;;
	--dump-dir=*)
		dump_dir="${1#--dump-dir=}"
		shift
		;;
	--which-jar)
		which_jar=1
		shift
		;;
	--fetch-jar)
		fetch_jar=1
		shift
		;;
	-h | --help)
		usage
		exit 0
		;;
	--)
		shift
		positional+=("$@")
		break
		;;
	-*)
		die_usage "unknown option '$1'"
		;;
	*)
		positional+=("$1")
		shift
		;;
	esac
done

if ((which_jar)); then
	((${#positional[@]} == 0)) || die_usage "--which-jar takes no other arguments"
	if ! find_local_jar; then
		no_jar "none found locally (--which-jar does not download)"
	fi
	printf '%s\n' "$jar"
	exit 0
fi

if ((fetch_jar)); then
	((${#positional[@]} == 0)) || die_usage "--fetch-jar takes no other arguments"
	find_local_jar || download_jar
	printf '%s\n' "$jar"
	exit 0
fi

if [[ ! "$workers" =~ ^([1-9][0-9]{0,3}|auto)$ ]]; then
	die_usage "--workers must be a positive integer or 'auto', got '$workers'"
fi

((${#positional[@]} >= 1)) || die_usage "missing <Module.tla>"
((${#positional[@]} <= 2)) || die_usage "too many arguments"

module_path="${positional[0]}"
[[ "$module_path" == *.tla ]] || die_usage "the module must be a .tla file, got '$module_path'"
[[ -f "$module_path" ]] || die_usage "no such module file: '$module_path'"

module_dir="$(cd -- "$(dirname -- "$module_path")" && pwd -P)"
module_file="$(basename -- "$module_path")"
module_name="${module_file%.tla}"
[[ "$module_name" =~ ^[A-Za-z0-9_]+$ ]] || die_usage "'$module_name' is not a TLA+ module name"

if ((${#positional[@]} == 2)); then
	cfg_arg="${positional[1]}"
	[[ -f "$cfg_arg" ]] || die_usage "no such config file: '$cfg_arg'"
	cfg_path="$(cd -- "$(dirname -- "$cfg_arg")" && pwd -P)/$(basename -- "$cfg_arg")"
else
	cfg_path="$module_dir/$module_name.cfg"
	[[ -f "$cfg_path" ]] || die_usage "no config given and '$cfg_path' does not exist"
fi

command -v java >/dev/null 2>&1 || {
	printf '%s: java is not on PATH (TLC needs Java 11 or newer)\n' "$prog" >&2
	exit 1
}

if ! find_local_jar; then
	download_jar
fi

work_tmp=""
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
	if [[ -n "$work_tmp" ]]; then
		rm -rf -- "$work_tmp"
	fi
}
trap cleanup EXIT

if [[ -n "$dump_dir" ]]; then
	mkdir -p -- "$dump_dir"
	work_dir="$(cd -- "$dump_dir" && pwd -P)"
else
	work_tmp="$(mktemp -d -t daxspec-tlc.XXXXXX)"
	work_dir="$work_tmp"
fi
meta_dir="$work_dir/meta"
te_dir="$work_dir/te"
mkdir -p -- "$meta_dir" "$te_dir"

tlc_args=(-workers "$workers")
((deadlock)) && tlc_args+=(-deadlock)
((tool)) && tlc_args+=(-tool)
((liveness_final)) && tlc_args+=(-lncheck final)
tlc_args+=(-config "$cfg_path" -metadir "$meta_dir" -teSpecOutDir "$te_dir" "$module_name")

java_opts=(-XX:+UseParallelGC)
archive=""
archive_tmp=""
if ((fast_start)); then
	java_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=off)
	# One archive per jar (size and mtime name it); a stale or unreadable one is ignored by the JVM.
	archive="$(dirname -- "$(cache_jar_path)")/tla2tools-$(stat -c '%s-%Y' -- "$jar").jsa"
	if [[ -f "$archive" ]]; then
		java_opts+=("-XX:SharedArchiveFile=$archive")
	elif mkdir -p -- "$(dirname -- "$archive")" 2>/dev/null; then
		# Written under a private name, then moved: two first runs at once do not clash.
		archive_tmp="$archive.$$.tmp"
		java_opts+=("-XX:ArchiveClassesAtExit=$archive_tmp")
	fi
fi

status=0
(cd -- "$module_dir" && java "${java_opts[@]}" -cp "$jar" tlc2.TLC "${tlc_args[@]}") || status=$?
if [[ -n "$archive_tmp" ]]; then
	if [[ -s "$archive_tmp" ]]; then mv -f -- "$archive_tmp" "$archive" 2>/dev/null || rm -f -- "$archive_tmp"; else rm -f -- "$archive_tmp"; fi
fi
exit "$status"
