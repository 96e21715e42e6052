/**
 * TLC's distributed mode (TLCServer) checks no temporal property and reports
 * a safety violation as its last step only, without naming the property:
 * how `daxspec tlc --distributed` reads and compares that, on outputs
 * recorded from TLC 1.7.4's TLCServer with two local workers
 * (test/fixtures/tlc-distributed): no TLC needed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { compareWithTlc } from '../../src/tlc/agreement.js';
import { parseTlcOutput, type TlcResult } from '../../src/tlc/parse-output.js';
import { loadSpec } from '../helpers/specs.js';

const recorded = (name: string): TlcResult => parseTlcOutput(readFileSync(`test/fixtures/tlc-distributed/${name}`, 'utf8'));
const run = (file: string, model: string) => {
  const spec = loadSpec(file);
  return checkModel(spec, spec.models.find((m) => m.name === model)!);
};
const distributed = { temporal: false };

describe('reading TLCServer output', () => {
  it('reads a trace followed by the final counts, with no verdict message, as an unnamed violation', () => {
    const bugOn = recorded('MC_DaxDeleteRangePause_xas_pause.out');
    expect(bugOn.outcome).toEqual({ kind: 'unnamed' });
    expect(bugOn.trace?.states).toHaveLength(2);
    expect(bugOn.distinctStates).toBe(41);
    expect(recorded('MC_DaxLockMappingEntry_retry_holding_lock_a.out').trace?.states).toHaveLength(1);
  });

  it('reads a run that found nothing as holding, with its count', () => {
    const holds = recorded('MC_DaxDowngradeWriteback_v5_4.out');
    expect(holds.outcome).toEqual({ kind: 'ok' });
    expect(holds.distinctStates).toBe(464);
    expect(holds.statesLeftOnQueue).toBe(0);
  });
});

describe('compareWithTlc for the distributed mode', () => {
  it('names the invariant TLC stopped at by finding its last step among the interpreter states', () => {
    const a = compareWithTlc(run('spec/dax-delete-range-pause.ts', 'xas_pause'), recorded('MC_DaxDeleteRangePause_xas_pause.out'), 1, distributed);
    expect(a.differences).toEqual([]);
    expect(a.tlc.verdict).toBe('violates NoBUG');
    expect(a.notes.join('\n')).toMatch(/names no property.*violates NoBUG in the interpreter/u);
    expect(a.replay).toBeNull();
  });

  it('names a deadlock: one stuck state where no thread can move', () => {
    const a = compareWithTlc(run('spec/dax-lock-mapping-entry.ts', 'retry-holding-lock-a'), recorded('MC_DaxLockMappingEntry_retry_holding_lock_a.out'), 1, distributed);
    expect(a.differences).toEqual([]);
    expect(a.tlc.verdict).toBe('violates Deadlock');
  });

  it('is a disagreement when TLC stopped at a state the interpreter does not have', () => {
    const tampered = recorded('MC_DaxDeleteRangePause_xas_pause.out');
    const last = tampered.trace!.states[1]!;
    tampered.trace!.states[1] = { ...last, vars: { ...last.vars, bug: { kind: 'string', value: 'no such site' } } };
    const a = compareWithTlc(run('spec/dax-delete-range-pause.ts', 'xas_pause'), tampered, 1, distributed);
    expect(a.agrees).toBe(false);
    expect(a.differences.join('\n')).toContain('cannot place');
  });

  it('is a disagreement when the interpreter finds no violation where TLC stopped', () => {
    const a = compareWithTlc(run('spec/dax-lock-mapping-entry.ts', 'retry-holding-lock-a'), recorded('MC_DaxDeleteRangePause_xas_pause.out'), 1, distributed);
    expect(a.agrees).toBe(false);
  });

  it('leaves a liveness violation out of the comparison, and says so, but compares the state count', () => {
    const live = run('spec/dax-downgrade-writeback.ts', 'downgrade-wakes-one-6');
    expect(live.result.verdict).toMatchObject({ kind: 'violated', propertyKind: 'liveness' });
    const holds: TlcResult = { ...recorded('MC_DaxDowngradeWriteback_v5_4.out'), distinctStates: live.result.distinctStates };
    const a = compareWithTlc(live, holds, 1, distributed);
    expect(a.agrees).toBe(true);
    expect(a.statesCompared).toBe(true);
    expect(a.notes.join('\n')).toMatch(/not compared: .*NoLostWakeup.*checks no temporal property/u);
    expect(compareWithTlc(live, { ...holds, distinctStates: live.result.distinctStates + 1 }, 1, distributed).agrees).toBe(false);
    // The same TLC result from tlc2.TLC, which checks temporal properties, is a disagreement.
    expect(compareWithTlc(live, holds, 1).agrees).toBe(false);
  });

  it('compares the count of a model that holds', () => {
    const a = compareWithTlc(run('spec/dax-downgrade-writeback.ts', 'v5.4'), recorded('MC_DaxDowngradeWriteback_v5_4.out'), 1, distributed);
    expect(a.agrees).toBe(true);
    expect(a.statesCompared).toBe(true);
  });
});
