/**
 * Runs TLC through tools/tlc.sh (which finds and checks the jar) on an
 * emitted module, in -tool mode, and returns its output parsed. No shell:
 * arguments are passed as a list. A run can be cancelled (tools/tlc.sh then
 * stops java and removes its scratch directory).
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parseTlcOutput, TlcOutputError, type TlcResult } from './parse-output.js';

export const TLC_SCRIPT = fileURLToPath(new URL('../../tools/tlc.sh', import.meta.url));

/** tools/tlc.sh's exit status when java or a usable jar is not available. */
const EXIT_NO_JAR = 3;

export type TlcAvailability = { available: true; jar: string } | { available: false; reason: string };

/** Where the jar is, without downloading anything. */
export async function findTlc(): Promise<TlcAvailability> {
  const probe = await execa(TLC_SCRIPT, ['--which-jar'], { reject: false });
  if (probe.exitCode === 0) return { available: true, jar: probe.stdout.trim() };
  return { available: false, reason: probe.stderr.trim() || `tools/tlc.sh --which-jar exited with ${probe.exitCode}` };
}

export interface JarDescription {
  jar: string;
  version: string;
  sha256: string;
  /** TLC 1.8 or later: the config's ALIAS is honoured (TLC 1.7 runs without it: traces show the plain variables). */
  alias: boolean;
}

/**
 * The jar a run would use, its TLC version and SHA-256 — or why none can be
 * used (java missing, no jar, an empty or foreign file, a digest that does
 * not match the pinned release it claims to be).
 */
export async function describeTlcJar(): Promise<{ kind: 'ok'; jar: JarDescription } | { kind: 'unavailable'; reason: string }> {
  const probe = await execa(TLC_SCRIPT, ['--describe-jar'], { reject: false });
  if (probe.exitCode !== 0) return { kind: 'unavailable', reason: probe.stderr.trim() || `tools/tlc.sh --describe-jar exited with ${probe.exitCode}` };
  const field = (name: string): string => new RegExp(`^${name}: (.*)$`, 'm').exec(probe.stdout)?.[1] ?? '?';
  return { kind: 'ok', jar: { jar: field('jar'), version: field('version'), sha256: field('sha256'), alias: field('alias') !== 'no' } };
}

export type TlcRun =
  | { kind: 'ran'; result: TlcResult; exitCode: number; seconds: number; output: string }
  | { kind: 'unavailable'; reason: string }
  /** TLC (or the script running it) died of a signal before a verdict. */
  | { kind: 'killed'; signal: string; seconds: number }
  /** TLC ended without output this module can read as a verdict. */
  | { kind: 'failed'; reason: string; exitCode: number; output: string }
  | { kind: 'cancelled' };

/** TLC's distributed mode (tools/tlc.sh --distributed): a TLCServer and its TLCWorker processes. */
export interface DistributedTlc {
  /** TLCWorker processes started on this machine; 0 waits for workers started elsewhere. */
  localWorkers: number;
  /** The address workers reach the server at; null: 127.0.0.1. */
  host: string | null;
  /** The server's RMI registry port; null: a free one. */
  port: number | null;
}

/** tools/tlc.sh's flags for a worker count or for the distributed mode. */
export function tlcParallelFlags(workers: number, distributed: DistributedTlc | null): string[] {
  if (distributed === null) return ['--workers', String(workers)];
  return [
    '--distributed', String(distributed.localWorkers),
    ...(distributed.host !== null ? ['--host', distributed.host] : []),
    ...(distributed.port !== null ? ['--port', String(distributed.port)] : []),
  ];
}

export interface TlcOptions {
  workers?: number;
  distributed?: DistributedTlc;
  /** tools/tlc.sh --fast-start: JVM settings for small models, where start-up dominates. */
  fastStart?: boolean;
  /** tools/tlc.sh --liveness-final: check liveness once, after the whole state graph (never stop mid-search at a temporal violation). */
  livenessFinal?: boolean;
  /** Stop TLC after this many milliseconds; the run's result is then an error saying so. */
  timeoutMs?: number;
  /** Aborting it stops TLC (tools/tlc.sh stops java and removes its scratch directory). */
  cancel?: AbortSignal;
}

/** The signal behind a shell's 128 + N exit status, for the signals that stop a process. */
function signalOfStatus(status: number): string | null {
  const n = status - 128;
  const stopping = ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGABRT', 'SIGKILL', 'SIGSEGV', 'SIGPIPE', 'SIGTERM', 'SIGBUS', 'SIGXCPU'];
  return stopping.find((s) => os.constants.signals[s as keyof typeof os.constants.signals] === n) ?? null;
}

export async function runTlc(moduleFile: string, configFile: string, options: TlcOptions = {}): Promise<TlcRun> {
  const started = performance.now();
  const flags = ['--tool', ...tlcParallelFlags(options.workers ?? 1, options.distributed ?? null), ...(options.fastStart ? ['--fast-start'] : []), ...(options.livenessFinal ? ['--liveness-final'] : [])];
  const run = await execa(TLC_SCRIPT, [...flags, moduleFile, configFile], {
    reject: false,
    all: true,
    timeout: options.timeoutMs,
    ...(options.cancel ? { cancelSignal: options.cancel } : {}),
    // tools/tlc.sh stops java on SIGTERM (SIGKILL would orphan java); SIGKILL only if it does not end.
    killSignal: 'SIGTERM',
    forceKillAfterDelay: 10_000,
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.timedOut) {
    return { kind: 'ran', result: { outcome: { kind: 'error', message: `TLC did not finish within ${options.timeoutMs} ms` }, statesGenerated: null, distinctStates: null, statesLeftOnQueue: null, depth: null, seconds: null, trace: null }, exitCode: -1, seconds, output: run.all ?? '' };
  }
  if (run.isCanceled) return { kind: 'cancelled' };
  if (run.signal) return { kind: 'killed', signal: run.signal, seconds };
  if (run.exitCode === EXIT_NO_JAR) return { kind: 'unavailable', reason: run.stderr.trim() };
  // TLC's own statuses are 0, 10-14, 75-77 and 150-153; 128 + N is java killed by signal N.
  const signal = run.exitCode !== undefined ? signalOfStatus(run.exitCode) : null;
  if (signal !== null) return { kind: 'killed', signal, seconds };
  const output = run.all ?? `${run.stdout}\n${run.stderr}`;
  let result: TlcResult;
  try {
    result = parseTlcOutput(output);
  } catch (err) {
    if (!(err instanceof TlcOutputError)) throw err;
    return { kind: 'failed', reason: err.reason, exitCode: run.exitCode ?? -1, output };
  }
  return { kind: 'ran', result, exitCode: run.exitCode ?? -1, seconds, output };
}
