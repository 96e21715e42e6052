#!/usr/bin/env bash
# Run the TLC model checker on a TLA+ module.
#
#   tools/tlc.sh [--workers N] [--deadlock] [--tool] [--fast-start] [--liveness-final] [--dump-dir DIR] <Module.tla> [Config.cfg]
#   tools/tlc.sh --which-jar
#   tools/tlc.sh --fetch-jar
#   tools/tlc.sh --describe-jar
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
#                   in DIR. Without it the metadir is a temporary directory, deleted on
#                   every exit path, and TLC writes no trace-exploration spec
#                   (-noGenerateSpecTE): none beside the module, none in a deleted directory.
#   --fetch-jar     make sure a jar is available (downloading the pinned release as in 3.
#                   below if none is found), print its path and exit 0 (CI fetches it
#                   before the tests so that the TLC tests run).
#   --which-jar     print the path of the tla2tools.jar that would be used and exit 0;
#                   exit 3 with instructions if none is available locally (never downloads).
#   --describe-jar  print "jar: PATH", "version: TLC VERSION" and "sha256: DIGEST" of the
#                   jar a run would use (downloading it like a run would); exit 3 when java
#                   or the jar is unusable, or when the jar says it is the pinned release but
#                   its digest is not the pinned one.
#   Config.cfg defaults to Module.cfg beside the module.
#
# The jar is taken from, in order:
#   1. $TLA2TOOLS_JAR (must name an existing file when set);
#   2. ${XDG_CACHE_HOME:-$HOME/.cache}/daxspec/tla2tools.jar;
#   3. a download of the pinned official release below (checked against its SHA-256,
#      then moved into the cache path). Set DAXSPEC_TLC_OFFLINE=1 to forbid the download.
#
# SIGINT, SIGTERM and SIGHUP stop TLC (java) before the script exits (128 + the signal),
# and the temporary directory is removed on every exit path.
#
# Exit status: TLC's own status (0 ok, 10-13 violations, 75-77 evaluation failures,
# 150-153 parse/config/system errors, ...; 128 + N when java was killed by signal N),
# 2 for a usage error, 3 when java or a usable jar is not available.
set -euo pipefail

readonly TLA2TOOLS_RELEASE="v1.7.4"
readonly TLA2TOOLS_URL="https://github.com/tlaplus/tlaplus/releases/download/v1.7.4/tla2tools.jar"
# SHA-256 of the v1.7.4 release asset above (TLC "Version 2.19 of 08 August 2024 (rev: 5a47802)").
# Not checked by us against the live release page (no network where this was written); it is
# the digest that many independent public projects pin for this exact URL. If a download ever
# fails verification, compare with the digest GitHub shows on the release page before changing it.
readonly TLA2TOOLS_SHA256="936a262061c914694dfd669a543be24573c45d5aa0ff20a8b96b23d01e050e88"
# What that release's TLC says about itself (java -cp JAR tlc2.TLC -version).
readonly TLA2TOOLS_VERSION_CLAIM="Version 2.19 of 08 August 2024"

readonly EXIT_USAGE=2
readonly EXIT_NO_JAR=3 # no java, no jar, or a jar that cannot be used

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

unusable_jar() {
	# $1: the jar, $2: why it cannot be used.
	printf '%s: jar unusable: %s: %s\n' "$prog" "$1" "$2" >&2
	printf 'Set TLA2TOOLS_JAR to a tla2tools.jar (the official release is %s),\n' "$TLA2TOOLS_URL" >&2
	printf 'or remove %s so that the pinned release is downloaded.\n' "$(cache_jar_path)" >&2
	exit "$EXIT_NO_JAR"
}

require_java() {
	command -v java >/dev/null 2>&1 || {
		printf '%s: java is not on PATH (TLC needs Java 11 or newer; e.g. apt-get install openjdk-17-jre-headless)\n' "$prog" >&2
		exit "$EXIT_NO_JAR"
	}
}

# A jar is a zip archive: refuse an empty file or one that is not a zip before java sees it.
require_zip() {
	[[ -s "$1" ]] || unusable_jar "$1" "the file is empty"
	local magic
	magic="$(head -c 2 -- "$1")"
	[[ "$magic" == "PK" ]] || unusable_jar "$1" "it is not a jar (zip) file"
}

describe_jar() {
	local version digest
	version="$(java -cp "$jar" tlc2.TLC -version 2>&1 | sed -n 's/^TLC2 //p' | head -n 1)" || true
	[[ -n "$version" ]] || unusable_jar "$jar" "java cannot load TLC from it (no tlc2.TLC class)"
	digest="$(sha256sum -- "$jar")"
	digest="${digest%% *}"
	if [[ "$version" == "$TLA2TOOLS_VERSION_CLAIM"* && "$digest" != "$TLA2TOOLS_SHA256" ]]; then
		unusable_jar "$jar" "it says it is the pinned release $TLA2TOOLS_RELEASE ($version) but its SHA-256 is $digest, not $TLA2TOOLS_SHA256"
	fi
	printf 'jar: %s\nversion: %s\nsha256: %s\n' "$jar" "$version" "$digest"
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
	--describe-jar)
		which_jar=2
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
	if ((which_jar == 2)); then
		require_java
		find_local_jar || download_jar
		require_zip "$jar"
		describe_jar
		exit 0
	fi
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

require_java

if ! find_local_jar; then
	download_jar
fi
require_zip "$jar"

work_tmp=""
java_pid=""
archive_tmp=""
# shellcheck disable=SC2317  # invoked by the traps
cleanup() {
	if [[ -n "$java_pid" ]]; then
		# TLC is one java process; stop it, and wait so that its files are closed before removal.
		kill -TERM "$java_pid" 2>/dev/null || true
		wait "$java_pid" 2>/dev/null || true
		java_pid=""
	fi
	if [[ -n "$work_tmp" ]]; then
		rm -rf -- "$work_tmp"
		work_tmp=""
	fi
	# A class-data archive java was still writing when stopped is incomplete.
	if [[ -n "$archive_tmp" ]]; then
		rm -f -- "$archive_tmp"
		archive_tmp=""
	fi
}
# shellcheck disable=SC2317
on_signal() {
	trap - INT TERM HUP
	cleanup
	exit $((128 + $1))
}
trap cleanup EXIT
trap 'on_signal 2' INT
trap 'on_signal 15' TERM
trap 'on_signal 1' HUP

tlc_args=(-workers "$workers")
((deadlock)) && tlc_args+=(-deadlock)
((tool)) && tlc_args+=(-tool)
((liveness_final)) && tlc_args+=(-lncheck final)
if [[ -n "$dump_dir" ]]; then
	mkdir -p -- "$dump_dir"
	work_dir="$(cd -- "$dump_dir" && pwd -P)"
	mkdir -p -- "$work_dir/meta" "$work_dir/te"
	tlc_args+=(-metadir "$work_dir/meta" -teSpecOutDir "$work_dir/te")
else
	work_tmp="$(mktemp -d -t daxspec-tlc.XXXXXX)"
	tlc_args+=(-metadir "$work_tmp/meta" -noGenerateSpecTE)
fi
tlc_args+=(-config "$cfg_path" "$module_name")

java_opts=(-XX:+UseParallelGC)
archive=""
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

# In the background, so that a signal to this script reaches the traps while TLC runs
# (bash runs a trap only between commands; `wait` returns at once on a trapped signal).
cd -- "$module_dir"
java "${java_opts[@]}" -cp "$jar" tlc2.TLC "${tlc_args[@]}" &
java_pid=$!
status=0
wait "$java_pid" || status=$?
java_pid=""
if [[ -n "$archive_tmp" ]]; then
	if [[ -s "$archive_tmp" ]]; then mv -f -- "$archive_tmp" "$archive" 2>/dev/null || rm -f -- "$archive_tmp"; else rm -f -- "$archive_tmp"; fi
	archive_tmp=""
fi
exit "$status"
