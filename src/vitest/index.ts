/**
 * Test helpers for spec authors using vitest: `import { expectVerdict } from 'daxspec/vitest'`.
 * Each helper checks in a child process (run-cli.ts), so a large model never
 * blocks vitest's worker; await them.
 */
import { expect } from 'vitest';
import { checkJson, runDaxspec, type CheckJson } from './run-cli.js';

export { checkJson, runDaxspec, type CheckJson, type CliRun } from './run-cli.js';

/** A verdict as the README writes it: 'holds', 'incomplete', or 'violates <Property>'. */
export type ExpectedVerdict = 'holds' | 'incomplete' | `violates ${string}`;

/** The verdict of one check result in that form. */
export function verdictOf(result: CheckJson): ExpectedVerdict {
  if (result.verdict === 'violated') return `violates ${result.property ?? '?'}`;
  return result.verdict;
}

/**
 * Checks `model` of `specFile` (a path relative to the current directory) and
 * fails the test unless its verdict is `verdict`. Resolves with the full
 * result, for further assertions.
 */
export async function expectVerdict(specFile: string, model: string, verdict: ExpectedVerdict): Promise<CheckJson> {
  const result = await checkJson(specFile, model);
  expect(verdictOf(result), `verdict of ${specFile} --model ${model}`).toBe(verdict);
  return result;
}

/** One line of `daxspec replay --json`. */
export interface ReplayJson {
  spec: string;
  model: string;
  /** How many of the given steps ran. */
  ran: number;
  /** The step that could not run (`at` is 0-based), or null. */
  stopped: { at: number; step: string; reason: string } | null;
  end: {
    invariant: string | null;
    deadlock: boolean;
    asleepForever: { thread: string; key: number }[];
    asleep: { thread: string; key: number }[];
    done: string[];
  };
  steps: unknown[];
}

/** What a scenario must end with; fields left out are not checked. */
export interface TraceEnd {
  /** The threads asleep that no continuation wakes (exactly these). */
  asleepForever?: string[];
  /** The threads asleep that some continuation still wakes (exactly these). */
  asleep?: string[];
  /** The invariant or BUG_ON false at the end, or null for none. */
  invariant?: string | null;
  deadlock?: boolean;
  /** The step (1-based) that could not run; left out: every step must run. */
  stoppedAt?: number;
}

/**
 * Pins an interleaving as a test: `await expectTrace(spec, model,
 * ['pte_fault(1).grab_mapping_entry', ...]).toEndWith({ asleepForever:
 * ['pmd_fault(0)'] })` runs the steps (daxspec replay, in a child process)
 * and fails unless the run ends that way. Resolves with the replay.
 */
export function expectTrace(specFile: string, model: string, steps: string | string[], options: { cwd?: string } = {}): { toEndWith(end: TraceEnd): Promise<ReplayJson> } {
  const list = Array.isArray(steps) ? steps.join(', ') : steps;
  return {
    async toEndWith(end: TraceEnd): Promise<ReplayJson> {
      const run = await runDaxspec(['replay', specFile, '--model', model, '--steps', list, '--json'], options);
      if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`daxspec replay ${specFile} --model ${model} exited ${run.exitCode}:\n${run.stderr.trim()}`);
      const r = JSON.parse(run.stdout.trim()) as ReplayJson;
      const where = `replay of ${specFile} --model ${model}`;
      expect(r.stopped === null ? null : r.stopped.at + 1, `${where}: the step that could not run${r.stopped ? ` (${r.stopped.reason})` : ''}`).toBe(end.stoppedAt ?? null);
      if (end.asleepForever !== undefined) expect(r.end.asleepForever.map((s) => s.thread).sort(), `${where}: asleep forever`).toEqual([...end.asleepForever].sort());
      if (end.asleep !== undefined) expect(r.end.asleep.map((s) => s.thread).sort(), `${where}: asleep, still wakeable`).toEqual([...end.asleep].sort());
      if (end.invariant !== undefined) expect(r.end.invariant, `${where}: violated invariant`).toBe(end.invariant);
      if (end.deadlock !== undefined) expect(r.end.deadlock, `${where}: deadlock`).toBe(end.deadlock);
      return r;
    },
  };
}
