/**
 * Interpreter and TLC agree on every shipped model: verdict, distinct states,
 * and TLC's counterexample replayed step by step in the interpreter. Runs
 * when a TLC jar is found (tools/tlc.sh --which-jar); models larger than
 * DAXSPEC_TLC_MAX_STATES interpreter states (default 2000) are skipped: TLC
 * needs from a minute (the 6-thread models, 2,000-5,000 states, on a busy
 * 2-core machine) to twenty (the 8-thread ones) for each, so `daxspec tlc`
 * checks those, in CI in a job of its own. The work runs in a child process per spec
 * (agreement-run.ts), so the vitest worker stays responsive.
 */
import { describe, expect, it } from 'vitest';
import { inChild } from '../helpers/child.js';
import type { ModelAgreement } from './agreement-run.js';
import { tlcAvailability } from './tlc-available.js';

const MAX_STATES = Number(process.env.DAXSPEC_TLC_MAX_STATES ?? 2000);
const RUN = new URL('./agreement-run.ts', import.meta.url);

const cases = await inChild<[string, string][]>(RUN, 'shippedModels');

/** One child per spec, started by the first of its models' tests. */
const bySpec = new Map<string, Promise<ModelAgreement[]>>();
function agreementsOf(file: string): Promise<ModelAgreement[]> {
  let p = bySpec.get(file);
  if (p === undefined) {
    p = inChild<ModelAgreement[]>(RUN, 'agreeOnSpec', file, MAX_STATES);
    bySpec.set(file, p);
  }
  return p;
}

describe('interpreter and TLC agree', () => {
  it.for(cases)('%s %s', { timeout: 1_200_000 }, async ([file, modelName], ctx) => {
    const tlc = await tlcAvailability();
    if (!tlc.available) return ctx.skip();
    const agreement = (await agreementsOf(file)).find((a) => a.model === modelName);
    expect(agreement).toBeDefined();
    if (agreement!.kind === 'skipped') {
      console.warn(`skipped ${file} ${modelName}: ${agreement!.reason}`);
      return ctx.skip();
    }
    expect(agreement!.tlcRan).toBe(true);
    expect(agreement!.differences).toEqual([]);
    if (agreement!.violated) expect(agreement!.replayed).toBe(true);
  });
});
