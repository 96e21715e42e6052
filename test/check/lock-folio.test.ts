/**
 * Mainline's non-exclusive memory-failure wait (spec/dax-lock-folio.ts):
 * every model gets its expected verdict with the state counts recorded when
 * the spec was written; the exclusive-wait mutant's counterexample is the
 * consumed wake-up (memory failure finds a zero entry, locks nothing, wakes
 * no one, the write fault queued behind it sleeps on); in mainline the same
 * wake-up wakes both.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.ts';
import { explainTrace } from '../../src/check/explain.ts';
import { loadSpec } from '../helpers/specs.js';

const spec = loadSpec('spec/dax-lock-folio.ts');
const run = (name: string) => checkModel(spec, spec.models.find((m) => m.name === name)!);

describe('spec/dax-lock-folio.ts', () => {
  // [model, verdict, distinct states]
  const table: [string, string, number][] = [
    ['mainline-hole', 'holds', 70],
    ['exclusive-wait-hole', 'violates NoLostWakeup', 79],
    ['mainline-folio', 'holds', 944],
    ['exclusive-wait-folio', 'holds', 967],
    ['unlock-no-wake-folio', 'violates NoLostWakeup', 958],
    ['mainline-pmd', 'holds', 1316],
    ['exclusive-wait-pmd', 'holds', 1481],
    ['unlock-no-wake-pmd', 'violates NoLostWakeup', 1401],
    ['mainline-mixed', 'holds', 4689],
    ['exclusive-wait-mixed', 'violates NoLostWakeup', 5427],
  ];

  it('has these ten models', () => {
    expect(spec.models.map((m) => m.name).sort()).toEqual(table.map(([name]) => name).sort());
  });

  it.each(table)('%s: %s, %i states', (name, verdict, states) => {
    const { result } = run(name);
    expect(result.asExpected).toBe(true);
    expect(result.verdict.kind === 'holds' ? 'holds' : `violates ${(result.verdict as { property: string }).property}`).toBe(verdict);
    expect(result.distinctStates).toBe(states);
  });

  it('exclusive-wait-hole: the read fault wakes only memory failure, which finds a zero entry and ends; the write fault sleeps on key 0', () => {
    const { result, machine } = run('exclusive-wait-hole');
    expect(result.verdict).toEqual({ kind: 'violated', property: 'NoLostWakeup', propertyKind: 'liveness', thread: 'dax_iomap_pte_fault(0,true,2)' });
    const explained = explainTrace(machine, result.trace!);
    const unlock = explained.steps.find((s) => s.thread === 'dax_iomap_pte_fault(0,false,0)' && s.label === 'dax_unlock_entry')!;
    expect(unlock.changes).toContainEqual(expect.objectContaining({ kind: 'wake', key: 0, all: false, woken: ['mf_dax_kill_procs(0)'] }));
    const last = explained.steps.at(-1)!;
    expect([last.thread, last.label, last.changes]).toEqual(['mf_dax_kill_procs(0)', 'dax_lock_mapping_entry', []]);
    expect(explained.sleepingAtEnd).toEqual([{ thread: 'dax_iomap_pte_fault(0,true,2)', key: 0 }]);
  });

  it('mainline-hole: in the same interleaving the wake-one wakes memory failure (non-exclusive) and the write fault', () => {
    const { machine } = run('mainline-hole');
    const s = machine.initial.slice();
    // Threads: 0 the read fault, 1 mf_dax_kill_procs(0), 2 the write fault.
    for (const t of [0, 0, 1, 2, 2]) expect(machine.step(t, s)).toBe(true);
    expect(machine.vocab.isWaiting(s, 2)).toBe(true);
    expect(machine.vocab.isWaiting(s, 3)).toBe(true);
    expect(machine.step(0, s)).toBe(true); // dax_unlock_entry(): wake one on key 0
    expect(machine.vocab.isWaiting(s, 2)).toBe(false);
    expect(machine.vocab.isWaiting(s, 3)).toBe(false);
  });
});
