/**
 * Test helpers for spec authors using vitest: `import { expectVerdict } from 'daxspec/vitest'`.
 * Each helper checks in a child process (run-cli.ts), so a large model never
 * blocks vitest's worker; await them.
 */
import { expect } from 'vitest';
import { checkJson, type CheckJson } from './run-cli.js';

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
