/**
 * Every model of a spec checked in a child process (test/helpers/child.ts):
 * the 8-thread models take seconds each, too long to compute on the vitest
 * worker's event loop. verdictsInChild memoises one child per spec and file.
 */
import { checkModel } from '../../src/check/check.js';
import type { Verdict } from '../../src/check/result.js';
import { parseSpecFile } from '../../src/parse/spec.js';
import { inChild } from './child.js';

export interface VerdictSummary {
  model: string;
  verdict: Verdict;
  asExpected: boolean;
  distinctStates: number;
  transitions: number;
  depth: number;
}

/** Runs in the child. */
export function verdictsOf(file: string): VerdictSummary[] {
  const spec = parseSpecFile(file);
  return spec.models.map((model) => {
    const { result } = checkModel(spec, model);
    return { model: model.name, verdict: result.verdict, asExpected: result.asExpected, distinctStates: result.distinctStates, transitions: result.transitions, depth: result.depth };
  });
}

const started = new Map<string, Promise<VerdictSummary[]>>();

/** The summary of one model of `file`; the first call starts the child for the whole spec. */
export async function verdictInChild(file: string, model: string): Promise<VerdictSummary> {
  let all = started.get(file);
  if (all === undefined) {
    all = inChild<VerdictSummary[]>(new URL('./verdicts.ts', import.meta.url), 'verdictsOf', file);
    started.set(file, all);
  }
  const found = (await all).find((v) => v.model === model);
  if (found === undefined) throw new Error(`${file} has no model ${model}`);
  return found;
}
