/**
 * The seed spec (spec/dax-pmd-wakeup.ts, the 2019 PMD-vs-PTE lost wake-up):
 * every model gets its expected verdict, the minimal models' state counts
 * are worked out by hand, and the buggy model's counterexample is the
 * reported interleaving.
 */
import { describe, expect, it } from 'vitest';
import { checkModel, type CheckRun } from '../../src/check/check.ts';
import { explainTrace } from '../../src/check/explain.ts';
import { labelAt } from '../../src/model/layout.ts';
import { parseSpecFile } from '../../src/parse/spec.ts';
import { verdictInChild } from '../helpers/verdicts.ts';

const spec = parseSpecFile('spec/dax-pmd-wakeup.ts');

function run(name: string): CheckRun {
  const model = spec.models.find((m) => m.name === name);
  if (model === undefined) throw new Error(`no model ${name}`);
  return checkModel(spec, model);
}

describe('spec/dax-pmd-wakeup.ts', () => {
  it('has the nine models of the three variants (others may follow)', () => {
    expect(spec.models.map((m) => m.name)).toEqual(expect.arrayContaining([
      'buggy', 'buggy-6', 'buggy-8',
      'pmd-aligned-keys', 'pmd-aligned-keys-6', 'pmd-aligned-keys-8',
      'conflict-fallback-v5.4', 'conflict-fallback-v5.4-6', 'conflict-fallback-v5.4-8',
    ]));
  });

  for (const model of spec.models) {
    const expected = model.expect.kind === 'holds' ? 'holds' : `violates ${model.expect.property}`;
    // In a child process: the 8-thread models take seconds each.
    it(`model ${model.name} gets its expected verdict (${expected})`, async () => {
      const result = await verdictInChild(spec.file, model.name);
      expect(result.verdict.kind).not.toBe('incomplete');
      expect(result.asExpected).toBe(true);
      // The 2019 story: every buggy configuration loses a wake-up, both fixes hold.
      if (/^(buggy|pmd-aligned-keys|conflict-fallback-v5.4)(-\d+)?$/.test(model.name)) {
        if (model.variant === 'buggy') {
          expect(result.verdict).toMatchObject({ kind: 'violated', property: 'NoLostWakeup', propertyKind: 'liveness' });
          expect((result.verdict as { thread?: string }).thread).toMatch(/^pmd_fault\(/);
        } else {
          expect(result.verdict).toEqual({ kind: 'holds' });
        }
      }
    });
  }

  // Hand count for the minimal models. Threads: T0 = pte_fault(1), T1 =
  // pmd_fault(0); steps G = grab_mapping_entry, S = schedule, U =
  // dax_unlock_entry. Indices 0..1, PMD_ORDER 1: a PMD entry covers [0, 2).
  //
  // buggy:
  //   A  initial.                                A -> B (T0 G: xa[1] = PTE locked), A -> C (T1 G: xa[0..1] = PMD locked)
  //   B: T0 U -> D (xa[1] unlocked, T0 Done); T1 G finds the locked PTE, sleeps on key 0 -> E
  //   C: T0 G finds the locked PMD, sleeps on alignDown(1) = 0 -> F; T1 U unlocks, wakes key 0 (nobody) -> G
  //   D: T1 G finds the unlocked PTE: put_unlocked_entry, fall back -> H (terminal)
  //   E: T0 U unlocks and wakes key 1: nobody -> I, where T1 sleeps forever (T1 S disabled in E too)
  //   F: T1 U wakes key 0: T0 -> J
  //   G: T0 G finds the unlocked PMD, locks it -> K
  //   J: T0 S -> back to G (same state: T0 at G, entry null, T1 Done, PMD unlocked)
  //   K: T0 U unlocks the PMD, wakes key 0 -> M (terminal)
  //   States A..K, M: 12. Transitions: A, B, C 2 each; D, E, F, G, J, K 1 each: 12.
  //   Levels: A | B C | D E F G | H I J K | M: depth 5.
  // pmd-aligned-keys: the same graph, except that in E the PTE unlock wakes
  //   alignDown(1) = 0, waking T1: I' has T1 at S not waiting, and T1 S leads
  //   I' -> D. 12 states, 13 transitions, depth 5.
  // conflict-fallback-v5.4: in B, T1 G sees a PTE (order 0 < 1) and ends (XA_RETRY_ENTRY)
  //   -> E' (T0 at U, T1 Done); E' -> H by T0 U; in D, T1 G ends the same way
  //   -> H. No I. States A B C D E' F G H J K M: 11; transitions 2+2+2+1+1+1+1+1+1 = 12; depth 5.
  it('buggy: 12 states, 12 transitions, depth 5', () => {
    const { result } = run('buggy');
    expect([result.distinctStates, result.transitions, result.depth]).toEqual([12, 12, 5]);
  });

  it('pmd-aligned-keys: 12 states, 13 transitions, depth 5', () => {
    const { result } = run('pmd-aligned-keys');
    expect([result.distinctStates, result.transitions, result.depth]).toEqual([12, 13, 5]);
  });

  it('conflict-fallback-v5.4: 11 states, 12 transitions, depth 5', () => {
    const { result } = run('conflict-fallback-v5.4');
    expect([result.distinctStates, result.transitions, result.depth]).toEqual([11, 12, 5]);
  });

  it('buggy: the PMD fault sleeps forever — PTE grab, PMD grab (sleeps on key 0), PTE unlock (wakes key 1: nobody), then stuttering', () => {
    const { result, machine } = run('buggy');
    expect(result.verdict).toEqual({ kind: 'violated', property: 'NoLostWakeup', propertyKind: 'liveness', thread: 'pmd_fault(0)' });
    const trace = result.trace!;
    expect(trace.loop).toEqual({ kind: 'stuttering' });
    expect(trace.steps).toEqual([
      { thread: 0, label: 'grab_mapping_entry' },
      { thread: 1, label: 'grab_mapping_entry' },
      { thread: 0, label: 'dax_unlock_entry' },
    ]);

    const explained = explainTrace(machine, trace);
    expect(explained.stuttering).toBe(true);
    expect(explained.loopFrom).toBeNull();
    expect(explained.steps.map((s) => [s.number, s.thread, s.label])).toEqual([
      [1, 'pte_fault(1)', 'grab_mapping_entry'],
      [2, 'pmd_fault(0)', 'grab_mapping_entry'],
      [3, 'pte_fault(1)', 'dax_unlock_entry'],
    ]);
    // 1: the PTE fault inserts a locked empty PTE entry at index 1.
    expect(explained.steps[0]!.changes).toMatchObject([{ kind: 'store', first: 1, last: 1, entry: 'PTE locked empty', before: null, after: { order: 0, locked: true, empty: true } }]);
    // 2: the PMD fault finds it and sleeps on its own aligned index 0.
    expect(explained.steps[1]!.changes).toEqual([{ kind: 'wait', thread: 'pmd_fault(0)', key: 0, bucket: 0, exclusive: true }]);
    // 3: the PTE fault unlocks and wakes key 1: nobody sleeps on it.
    expect(explained.steps[2]!.changes).toMatchObject([
      { kind: 'store', first: 1, last: 1, entry: 'PTE', after: { order: 0, locked: false, empty: false } },
      { kind: 'wake', key: 1, bucket: 0, all: false, keyFilter: true, woken: [] },
    ]);
    expect(explained.sleepingAtEnd).toEqual([{ thread: 'pmd_fault(0)', key: 0 }]);
    // The step docs are the kernel functions' comments.
    expect(explained.steps[0]!.doc).toMatch(/get_unlocked_entry/);

    // In the last state no thread can move: the PTE fault is Done, the PMD fault's schedule is blocked.
    const last = trace.states[trace.states.length - 1]!;
    const { layout } = machine;
    expect(layout.threads.map((slot, t) => labelAt(slot, last[layout.pcOff + t]!))).toEqual(['Done', 'schedule']);
    expect(machine.step(0, last.slice())).toBe(false);
    expect(machine.step(1, last.slice())).toBe(false);
  });

  it('the fixes never leave a thread asleep in the same interleaving', () => {
    // Replaying buggy's three steps in pmd-aligned-keys: the PTE unlock wakes key 0 and with it the PMD fault.
    const { machine } = run('pmd-aligned-keys');
    const s = machine.initial.slice();
    expect(machine.step(0, s)).toBe(true);
    expect(machine.step(1, s)).toBe(true);
    expect(machine.vocab.isWaiting(s, 2)).toBe(true);
    expect(machine.step(0, s)).toBe(true);
    expect(machine.vocab.isWaiting(s, 2)).toBe(false);
    // conflict-fallback-v5.4: the PMD fault does not sleep at all, it falls back (Done).
    const fb = run('conflict-fallback-v5.4').machine;
    const f = fb.initial.slice();
    expect(fb.step(0, f)).toBe(true);
    expect(fb.step(1, f)).toBe(true);
    expect(fb.vocab.isWaiting(f, 2)).toBe(false);
    expect(labelAt(fb.layout.threads[1]!, f[fb.layout.pcOff + 1]!)).toBe('Done');
  });
});
