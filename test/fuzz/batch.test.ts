/**
 * A fixed-seed fuzz batch: 30 generated specs, each checked by the
 * interpreter and by TLC, must all agree and all parse. Runs the fuzzer as a
 * child process (TLC and the parser stay off this worker's event loop), when
 * a TLC jar is found; skipped with the reason otherwise.
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { tlcAvailability } from '../tlc/tlc-available.js';

const SEED = 1;
const COUNT = 30;

describe('fuzz batch', () => {
  it(`seeds ${SEED}..${SEED + COUNT - 1}: interpreter and TLC agree on every generated spec`, { timeout: 600_000 }, async (ctx) => {
    const tlc = await tlcAvailability();
    if (!tlc.available) return ctx.skip();
    // --collide 0: a name drawn from TLA+ words is now rejected at parse time
    // with a hint (e71c638), so colliding names test the parser, not agreement.
    const args = ['tsx', 'src/cli/fuzz-command.ts', '--seed', String(SEED), '--count', String(COUNT), '--jobs', '2', '--collide', '0', '--shrink-budget', '0', '--json'];
    const run = await execa('npx', args, { reject: false });
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    let summary: { specs: number; agree: number; disagree: number; rejected: number[]; skipped: number } | null = null;
    try {
      summary = JSON.parse(last);
    } catch {
      throw new Error(`the fuzzer printed no summary (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`);
    }
    // Every line of the run, so that a failure shows which seed disagreed and how.
    expect({ disagree: summary!.disagree, rejected: summary!.rejected, output: summary!.disagree + summary!.rejected.length > 0 ? run.stdout : '' }).toEqual({ disagree: 0, rejected: [], output: '' });
    expect(summary!.specs).toBe(COUNT);
    // Most specs are small enough to compare; a batch of skips would test nothing.
    expect(summary!.agree).toBeGreaterThanOrEqual(COUNT * 0.8);
    expect(run.exitCode).toBe(0);
  });
});
