/**
 * Final-state properties (`finally` in defineSpec), on
 * test/fixtures/specs/final-state.ts: judged only where every thread has
 * returned, reported with their own name and kind, the counterexample
 * ending in that final state. TLC's reading is compared in
 * test/tlc/fixture-agreement.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.ts';
import { describeVerdict } from '../../src/check/result.ts';
import { labelAt } from '../../src/model/layout.ts';
import { parseSpecFile } from '../../src/parse/spec.ts';

const spec = parseSpecFile('test/fixtures/specs/final-state.ts');
const run = (name: string) => checkModel(spec, spec.models.find((m) => m.name === name)!);

describe('final-state properties', () => {
  it('are read into the IR as final, after the spec invariants in checking order', () => {
    expect(spec.invariants.map((i) => [i.name, i.when])).toEqual([['Counted', 'final'], ['NoEntryLeft', 'final']]);
  });

  it('a lost update violates Counted, and the trace ends where every thread is done', () => {
    // BFS over (pc1, pc2, seen1, seen2, started, count): s0 (R,R,0,0,0,0);
    // s1 (W,R,0,0,1,0), s2 (R,W,0,0,1,0); from s1: s3 (D,R,0,0,1,1), s4
    // (W,W,0,0,2,0); from s2: s4 again, s5 (R,D,0,0,1,1); s3: s6 (D,W,0,1,2,1);
    // s4: s7 (D,W,0,0,2,1), s8 (W,D,0,0,2,1); s5: s9 (W,D,1,0,2,1); s6: s10
    // (D,D,0,1,2,2), right; s7: s11 (D,D,0,0,2,1), wrong. 12 states,
    // 2+2+2+1+2+1+1+1 = 12 transitions.
    const { result, machine } = run('racy');
    expect(result.verdict).toEqual({ kind: 'violated', property: 'Counted', propertyKind: 'final' });
    expect(describeVerdict(result.verdict)).toBe('violates Counted (in the final state)');
    expect(result.asExpected).toBe(true);
    expect(result.distinctStates).toBe(12);
    expect(result.transitions).toBe(12);
    const trace = result.trace!;
    expect(trace.steps.map((s) => s.label)).toEqual(['read', 'read', 'write', 'write']);
    const { layout } = machine;
    const last = trace.states.at(-1)!;
    expect(layout.threads.map((slot, t) => labelAt(slot, last[layout.pcOff + t]!))).toEqual(['Done', 'Done']);
    expect([last[layout.globals.get('started')!.offset], last[layout.globals.get('count')!.offset]]).toEqual([2, 1]);
    // After both reads count (0) != started (2), but threads are still running: not a violation.
    const both = trace.states[2]!;
    expect(both[layout.globals.get('count')!.offset]).toBe(0);
    expect(machine.violatedInvariant(both)).toBe(-1);
  });

  it('holds where every run ends right, though it is false between a read and its write', () => {
    expect(run('atomic').result.verdict).toEqual({ kind: 'holds' });
    expect(run('delete-only').result.verdict).toEqual({ kind: 'holds' });
  });

  it('an insert after the delete leaves the entry: NoEntryLeft, in the final state', () => {
    const { result } = run('insert-delete');
    expect(result.verdict).toEqual({ kind: 'violated', property: 'NoEntryLeft', propertyKind: 'final' });
    expect(result.trace!.steps.map((s) => s.label)).toEqual(['delete_entry', 'insert']);
  });
});
