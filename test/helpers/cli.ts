/**
 * Runs the daxspec CLI as a user does, in child processes, never blocking the
 * vitest worker: one process per invocation (runCli), or many invocations
 * of main() in one child (runCliBatch) where only argv, stdout, stderr and
 * the exit code matter — it spares a TypeScript start-up per case.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa, type Options } from 'execa';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** The package's own bin, as package.json declares it: however the CLI is built, this is how it runs. */
export const BIN = path.join(ROOT, (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.daxspec!);

export interface CliRun {
  exitCode: number | undefined;
  /** Set when the process died of a signal. */
  signal: string | undefined;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: Options = {}): Promise<CliRun> {
  const r = await execa('node', [BIN, ...args], { cwd: ROOT, reject: false, timeout: 600_000, ...options, env: { FORCE_COLOR: '0', ...options.env } });
  return { exitCode: r.exitCode, signal: r.signal ?? undefined, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

const BATCH_CHILD = path.join(ROOT, 'test/helpers/cli-batch-child.ts');

/** Each argv run through main() in one child process; results in the same order. */
export async function runCliBatch(argvs: string[][]): Promise<CliRun[]> {
  const r = await execa('node', ['--import', 'tsx', BATCH_CHILD], { cwd: ROOT, reject: false, timeout: 300_000, input: JSON.stringify(argvs), env: { FORCE_COLOR: '0' } });
  if (r.exitCode !== 0) throw new Error(`the batch child failed (exit ${r.exitCode}, signal ${r.signal}):\n${String(r.stderr)}`);
  return JSON.parse(String(r.stdout)) as CliRun[];
}

/** Runs `jobs` at most `limit` at a time. */
export async function inParallel<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
