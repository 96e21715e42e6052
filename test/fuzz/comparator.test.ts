/**
 * The fuzzer's comparison can fail: a disagreement planted in the emitted
 * TLA+ (a thread that never reaches Done in TLC) is reported, and a TLC result
 * that differs from the interpreter's in verdict or state count is a
 * difference.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { checkSpecFile, compareModel, differenceKind } from '../../src/fuzz/differential.js';
import { parseSpecFile } from '../../src/parse/spec.js';
import type { TlcResult } from '../../src/tlc/parse-output.js';
import { tlcAvailability } from '../tlc/tlc-available.js';

const SPEC = 'test/fixtures/fuzz/empty-copy.ts';

function tlcSaid(outcome: TlcResult['outcome'], distinctStates: number): TlcResult {
  return { outcome, statesGenerated: null, distinctStates, statesLeftOnQueue: 0, depth: null, seconds: null, trace: null };
}

describe('the fuzzer notices a disagreement', () => {
  const spec = parseSpecFile(SPEC);
  const run = { kind: 'run' as const, run: checkModel(spec, spec.models[0]!) };

  it('agrees with a TLC result equal to the interpreter', () => {
    expect(run.run.result.verdict.kind).toBe('holds');
    expect(compareModel('m', run, tlcSaid({ kind: 'ok' }, run.run.result.distinctStates), 1).differences).toEqual([]);
  });

  it('reports another verdict, another state count, a TLC error, and a step failure that TLC passes', () => {
    const kinds = (r: TlcResult, ours: Parameters<typeof compareModel>[1] = run): string[] => compareModel('m', ours, r, 1).differences.map(differenceKind);
    expect(kinds(tlcSaid({ kind: 'deadlock' }, 2))).toContain('verdict');
    expect(kinds(tlcSaid({ kind: 'ok' }, run.run.result.distinctStates + 1))).toEqual(['distinct states']);
    expect(kinds(tlcSaid({ kind: 'error', message: 'Parse error' }, 0))).toEqual(['TLC error']);
    expect(kinds(tlcSaid({ kind: 'ok' }, 2), { kind: 'failed', message: 'index 5 is outside' })).toEqual(['step failure']);
    expect(kinds(tlcSaid({ kind: 'error', message: 'index out of domain' }, 0), { kind: 'failed', message: 'index 5 is outside' })).toEqual([]);
  });

  it('catches a disagreement planted in the emitted module, end to end with TLC', { timeout: 300_000 }, async (ctx) => {
    const tlc = await tlcAvailability();
    if (!tlc.available) return ctx.skip();
    let planted = false;
    const outcome = await checkSpecFile(SPEC, {
      maxStates: 1000,
      workDir: path.join(os.tmpdir(), `daxspec-plant-${process.pid}`),
      tlcTimeoutMs: 240_000,
      // The thread goes back to its own step instead of returning: TLC sees it never terminate.
      tamper: (file, text) => {
        const changed = text.replace('![self] = "Done"]', '![self] = "copy"]');
        planted ||= changed !== text;
        return changed;
      },
    });
    expect(planted).toBe(true);
    expect(outcome.kind).toBe('disagree');
    if (outcome.kind === 'disagree') expect(outcome.models[0]!.differences.map(differenceKind)).toContain('verdict');
  });
});
