/**
 * Runs TLC through tools/tlc.sh (which finds the jar) on an emitted module,
 * in -tool mode, and returns its output parsed. No shell: arguments are
 * passed as a list.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parseTlcOutput, type TlcResult } from './parse-output.js';

export const TLC_SCRIPT = fileURLToPath(new URL('../../tools/tlc.sh', import.meta.url));

/** tools/tlc.sh's exit status when no jar can be had. */
const EXIT_NO_JAR = 3;

export type TlcAvailability = { available: true; jar: string } | { available: false; reason: string };

/** Where the jar is, without downloading anything. */
export async function findTlc(): Promise<TlcAvailability> {
  const probe = await execa(TLC_SCRIPT, ['--which-jar'], { reject: false });
  if (probe.exitCode === 0) return { available: true, jar: probe.stdout.trim() };
  return { available: false, reason: probe.stderr.trim() || `tools/tlc.sh --which-jar exited with ${probe.exitCode}` };
}

export type TlcRun =
  | { kind: 'ran'; result: TlcResult; exitCode: number; seconds: number; output: string }
  | { kind: 'unavailable'; reason: string };

export interface TlcOptions {
  workers?: number;
  /** tools/tlc.sh --fast-start: JVM settings for small models, where start-up dominates. */
  fastStart?: boolean;
  /** Stop TLC after this many milliseconds; the run's result is then an error saying so. */
  timeoutMs?: number;
}

export async function runTlc(moduleFile: string, configFile: string, options: TlcOptions = {}): Promise<TlcRun> {
  const started = performance.now();
  const flags = ['--tool', '--workers', String(options.workers ?? 1), ...(options.fastStart ? ['--fast-start'] : [])];
  const run = await execa(TLC_SCRIPT, [...flags, moduleFile, configFile], { reject: false, all: true, timeout: options.timeoutMs, killSignal: 'SIGKILL' });
  if (run.timedOut) {
    const seconds = (performance.now() - started) / 1000;
    return { kind: 'ran', result: { outcome: { kind: 'error', message: `TLC did not finish within ${options.timeoutMs} ms` }, statesGenerated: null, distinctStates: null, statesLeftOnQueue: null, depth: null, seconds: null, trace: null }, exitCode: -1, seconds, output: run.all ?? '' };
  }
  if (run.exitCode === EXIT_NO_JAR) return { kind: 'unavailable', reason: run.stderr.trim() };
  const output = run.all ?? `${run.stdout}\n${run.stderr}`;
  return { kind: 'ran', result: parseTlcOutput(output), exitCode: run.exitCode ?? -1, seconds: (performance.now() - started) / 1000, output };
}
