/**
 * Runs the daxspec command line in a child process and reads its --json
 * lines. The test helpers use it so that checking a model never blocks the
 * test runner's event loop (vitest's worker must keep answering its RPC).
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** One line of `daxspec check --json` (see the README's table). */
export interface CheckJson {
  spec: string;
  model: string;
  variant: string;
  expected: string;
  verdict: 'holds' | 'violated' | 'incomplete';
  property: string | null;
  thread: string | null;
  reason: string | null;
  asExpected: boolean;
  distinctStates: number;
  transitions: number;
  depth: number;
  seconds: number;
  trace: unknown;
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The CLI beside this module: the built bin.js, or bin.ts through tsx when run from the sources (tests in this repo). */
const BIN = new URL(import.meta.url.endsWith('.ts') ? '../cli/bin.ts' : '../cli/bin.js', import.meta.url);

export async function runDaxspec(args: string[], options: { cwd?: string } = {}): Promise<CliRun> {
  const loader = BIN.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const run = await execa(process.execPath, [...loader, fileURLToPath(BIN), ...args], {
    cwd: options.cwd ?? process.cwd(),
    reject: false,
    env: { FORCE_COLOR: '0' },
  });
  return { exitCode: run.exitCode ?? -1, stdout: String(run.stdout), stderr: String(run.stderr) };
}

/** `daxspec check <specFile> --model <model> --json`, parsed; a bad spec or usage throws with daxspec's message. */
export async function checkJson(specFile: string, model: string, options: { cwd?: string } = {}): Promise<CheckJson> {
  const run = await runDaxspec(['check', specFile, '--model', model, '--json'], options);
  if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`daxspec check ${specFile} --model ${model} exited ${run.exitCode}:\n${run.stderr.trim()}`);
  const line = run.stdout.split('\n').find((l) => l.trim() !== '');
  if (line === undefined) throw new Error(`daxspec check ${specFile} --model ${model} printed nothing:\n${run.stderr.trim()}`);
  return JSON.parse(line) as CheckJson;
}
