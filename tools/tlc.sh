#!/usr/bin/env bash
# Run the TLC model checker on a TLA+ module.
#
#   tools/tlc.sh [--workers N | --distributed N] [--deadlock] [--tool] [--fast-start] [--liveness-final] [--dump-dir DIR] <Module.tla> [Config.cfg]
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
#   --distributed N TLC's own distributed mode instead of tlc2.TLC: a TLCServer on the loopback
#                   interface and N TLCWorker processes (0..64) on this machine, each with a
#                   thread per core. With N = 0 the server waits for workers started elsewhere
#                   (java -Dtlc2.tool.distributed.TLCServer.port=PORT -cp JAR
#                   tlc2.tool.distributed.TLCWorker SERVERHOST): see --host. TLC's distributed
#                   mode checks invariants and deadlock and counts states; it does NOT check
#                   temporal properties (PROPERTY lines are ignored by TLCServer).
#   --host NAME     with --distributed: the name or address workers reach the server at
#                   (java.rmi.server.hostname; default 127.0.0.1, this machine only).
#   --port N        with --distributed: the server's RMI registry port (default: a free port
#                   from 10997 up; workers started elsewhere need it).
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
#   --describe-jar  print "jar: PATH", "version: TLC VERSION", "sha256: DIGEST" and "alias: yes"
#                   (or "no" for a TLC 1.7, see below) of the jar a run would use (downloading
#                   it like a run would); exit 3 when java or the jar is unusable, or when the jar says it is the pinned release but
#                   its digest is not the pinned one.
#   Config.cfg defaults to Module.cfg beside the module.
#
# TLC versions: the 1.7.x line (the pinned release below is v1.7.4) predates the .cfg
# keyword ALIAS and the options -noGenerateSpecTE / -teSpecOutDir (TLC 1.8). For such a jar
# (found by asking it about -noGenerateSpecTE) the run uses a copy of the config without its
# ALIAS line (an ALIAS only renames what a trace prints) and does not pass those options.
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
	printf 'usage: %s [--workers N | --distributed N [--host NAME] [--port N]] [--deadlock] [--tool] [--fast-start] [--liveness-final] [--dump-dir DIR] <Module.tla> [Config.cfg]\n' "$prog" >&2
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

# Files kept next to the cached jar about $jar (a JVM class-data archive, its TLC line),
# named by its size and mtime so that a replaced jar gets new ones.
jar_cache_file() {
	printf '%s/tla2tools-%s.%s\n' "$(dirname -- "$(cache_jar_path)")" "$(stat -c '%s-%Y' -- "$jar")" "$1"
}

# True for a TLC of the 1.7 line: it rejects -noGenerateSpecTE as an unknown option, where
# TLC 1.8 asks for the missing module instead. The answer is kept per jar (a java start each
# run would cost the fuzzer's thousands of small runs); without a writable cache it is asked again.
is_legacy_tlc() {
	local known line probe
	known="$(jar_cache_file line)"
	if [[ -f "$known" ]]; then
		line="$(<"$known")"
	else
		probe="$(java -cp "$jar" tlc2.TLC -noGenerateSpecTE 2>&1 || true)"
		line=1.8
		[[ "$probe" == *"unrecognized option"* ]] && line=1.7
		{ mkdir -p -- "$(dirname -- "$known")" && printf '%s\n' "$line" >"$known.$$" && mv -f -- "$known.$$" "$known"; } 2>/dev/null || rm -f -- "$known.$$"
	fi
	[[ "$line" == 1.7 ]]
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
	local alias=yes
	is_legacy_tlc && alias=no
	printf 'jar: %s\nversion: %s\nsha256: %s\nalias: %s\n' "$jar" "$version" "$digest" "$alias"
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
distributed=""
host="127.0.0.1"
port=""
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
	--distributed)
		(($# >= 2)) || die_usage "--distributed needs a number of local workers"
		distributed="$2"
		shift 2
		;;
	--distributed=*)
		distributed="${1#--distributed=}"
		shift
		;;
	--host)
		(($# >= 2)) || die_usage "--host needs a name or address"
		host="$2"
		shift 2
		;;
	--port)
		(($# >= 2)) || die_usage "--port needs a number"
		port="$2"
		shift 2
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

if [[ -n "$distributed" ]]; then
	[[ "$distributed" =~ ^([0-9]|[1-5][0-9]|6[0-4])$ ]] || die_usage "--distributed takes a number of local workers from 0 to 64, got '$distributed'"
	[[ "$workers" == "1" ]] || die_usage "--workers and --distributed do not go together (each TLCWorker uses a thread per core)"
	((fast_start == 0 && liveness_final == 0)) || die_usage "--fast-start and --liveness-final are for tlc2.TLC, not --distributed"
	[[ -z "$dump_dir" ]] || die_usage "--dump-dir is for tlc2.TLC, not --distributed"
	[[ "$host" =~ ^[A-Za-z0-9.:-]+$ ]] || die_usage "--host must be a host name or address, got '$host'"
else
	[[ -z "$port" && "$host" == "127.0.0.1" ]] || die_usage "--host and --port go with --distributed"
fi
if [[ -n "$port" ]]; then
	[[ "$port" =~ ^[1-9][0-9]{0,4}$ ]] && ((port <= 65535)) || die_usage "--port must be a TCP port number, got '$port'"
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
worker_pids=()
archive_tmp=""
# shellcheck disable=SC2317  # invoked by the traps
cleanup() {
	# Workers first: a TLCWorker whose server is gone only retries.
	local pid
	for pid in "${worker_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in "${worker_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	worker_pids=()
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

legacy_tlc=0
is_legacy_tlc && legacy_tlc=1

if [[ -n "$dump_dir" ]]; then
	mkdir -p -- "$dump_dir"
	work_dir="$(cd -- "$dump_dir" && pwd -P)"
	mkdir -p -- "$work_dir/meta" "$work_dir/te"
else
	work_tmp="$(mktemp -d -t daxspec-tlc.XXXXXX)"
	work_dir="$work_tmp"
fi
if ((legacy_tlc)); then
	# The config without its ALIAS line (what a trace prints is then the plain variables),
	# beside a copy of the modules: TLC's distributed workers look a config up by its
	# name in their working directory, where the original would be found first.
	mkdir -p -- "$work_dir/spec"
	cp -- "$module_dir"/*.tla "$work_dir/spec/"
	sed -E '/^[[:space:]]*ALIAS[[:space:]]+[A-Za-z0-9_]+[[:space:]]*$/d' -- "$cfg_path" >"$work_dir/spec/$module_name.cfg"
	cfg_path="$work_dir/spec/$module_name.cfg"
	module_dir="$work_dir/spec"
fi

# ---- TLC's distributed mode ---------------------------------------------------

# The first port from a random start in 10997..12996 that nothing on this machine listens on.
free_port() {
	local p i
	for ((i = 0; i < 2000; i++)); do
		p=$((10997 + (RANDOM + i) % 2000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			printf '%s\n' "$p"
			return 0
		fi
	done
	return 1
}

# Prints the last lines of each local worker's log, to say why the server got no work done.
report_workers() {
	local log
	for log in "$work_dir"/worker-*.log; do
		[[ -f "$log" ]] || continue
		printf '%s: TLCWorker %s said:\n' "$prog" "${log##*/}" >&2
		tail -n 8 -- "$log" | sed 's/^/    /' >&2
	done
	if grep -qs 'NotSerializableException: tlc2.tool.fp' -- "$work_dir"/worker-*.log; then
		printf '%s: this TLC cannot hand its fingerprint set to workers: distributed mode is broken in TLC
' "$prog" >&2
		printf '  built from sources after February 2026 (FPSet no longer an RMI object); the pinned release
' >&2
		printf '  %s works: set TLA2TOOLS_JAR to it, or remove %s to download it.
' "$TLA2TOOLS_RELEASE" "$(cache_jar_path)" >&2
	fi
}

run_distributed() {
	[[ -n "$port" ]] || port="$(free_port)" || {
		printf '%s: no free TCP port in 10997..12996 for the TLC server\n' "$prog" >&2
		exit 153
	}
	local props=(-Djava.rmi.server.hostname="$host" -Dtlc2.tool.distributed.TLCServer.port="$port")
	local server_args=(-metadir "$work_dir/meta")
	# TLCServer ignores the config's CHECK_DEADLOCK (it checks deadlock unless told -deadlock).
	if ((deadlock)) || grep -Eq '^[[:space:]]*CHECK_DEADLOCK[[:space:]]+FALSE' -- "$cfg_path"; then server_args+=(-deadlock); fi
	((tool)) && server_args+=(-tool)
	server_args+=(-config "$cfg_path" "$module_name")
	cd -- "$module_dir"
	printf '%s: TLC server on %s port %s with %s local worker(s)\n' "$prog" "$host" "$port" "$distributed" >&2
	java -XX:+UseParallelGC "${props[@]}" -cp "$jar" tlc2.tool.distributed.TLCServer "${server_args[@]}" &
	java_pid=$!
	local i
	for ((i = 1; i <= distributed; i++)); do
		java "${props[@]}" -cp "$jar" tlc2.tool.distributed.TLCWorker "$host" >"$work_dir/worker-$i.log" 2>&1 &
		worker_pids+=($!)
	done
	# Poll rather than wait: a server whose local workers all failed would wait for them forever.
	local alive pid
	while kill -0 "$java_pid" 2>/dev/null; do
		if ((distributed > 0)); then
			alive=0
			for pid in "${worker_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
			if ((alive == 0)) && ! grep -qs 'work completed' -- "$work_dir"/worker-*.log; then
				sleep 2 # the server may still be printing its verdict
				if kill -0 "$java_pid" 2>/dev/null; then
					printf '%s: every local TLCWorker stopped before the work was done; stopping the server\n' "$prog" >&2
					report_workers
					exit 153
				fi
			fi
		fi
		sleep 1 &
		wait $! || true
	done
	local status=0
	wait "$java_pid" || status=$?
	java_pid=""
	if ! grep -qs 'work completed' -- "$work_dir"/worker-*.log && ((distributed > 0)); then report_workers; fi
	exit "$status"
}

[[ -n "$distributed" ]] && run_distributed

# ---- tlc2.TLC -------------------------------------------------------------------

tlc_args=(-workers "$workers")
((deadlock)) && tlc_args+=(-deadlock)
((tool)) && tlc_args+=(-tool)
((liveness_final)) && tlc_args+=(-lncheck final)
tlc_args+=(-metadir "$work_dir/meta")
if ((legacy_tlc == 0)); then
	# TLC 1.8 writes a trace-exploration spec on a violation; 1.7 only when asked (-generateSpecTE).
	if [[ -n "$dump_dir" ]]; then tlc_args+=(-teSpecOutDir "$work_dir/te"); else tlc_args+=(-noGenerateSpecTE); fi
fi
tlc_args+=(-config "$cfg_path" "$module_name")

java_opts=(-XX:+UseParallelGC)
archive=""
if ((fast_start)); then
	java_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=off)
	# One archive per jar (size and mtime name it); a stale or unreadable one is ignored by the JVM.
	archive="$(jar_cache_file jsa)"
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
