/**
 * A model's initial state (`initial` in a model or configuration), on
 * test/fixtures/specs/initial-state.ts: the parser's reading and the
 * interpreter's first state, decoded as TLA+ values (what TLC's first state
 * is compared with). TLC's reading: test/tlc/fixture-agreement.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/check/compile.ts';
import { formatTla } from '../../src/model/tla-value.ts';
import { decodeState } from '../../src/model/values.ts';
import { parseSpecFile } from '../../src/parse/spec.ts';

const spec = parseSpecFile('test/fixtures/specs/initial-state.ts');
const firstState = (name: string): Record<string, string> => {
  const machine = compileModel(spec, spec.models.find((m) => m.name === name)!);
  return Object.fromEntries(Object.entries(decodeState(spec, machine.layout, machine.initial)).map(([k, v]) => [k, formatTla(v)]));
};

describe('initial state per model', () => {
  it('entries cover their aligned range, with their flags and marks', () => {
    const s = firstState('dirty');
    const pte = (pfn: number) => `[order |-> 0, locked |-> FALSE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> ${pfn}]`;
    const pmd = '[order |-> 1, locked |-> FALSE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> 3]';
    expect(s.xa).toBe(`(0 :> ${pte(1)} @@ 1 :> ${pte(2)} @@ 2 :> ${pmd} @@ 3 :> ${pmd})`);
    expect(s.marks).toBe('(0 :> {"DIRTY"} @@ 1 :> {} @@ 2 :> {"DIRTY", "TOWRITE"} @@ 3 :> {"DIRTY", "TOWRITE"})');
    expect([s.owner, s.pending, s.dirty]).toEqual(['Null', '0', '2']);
  });

  it('a locked entry and globals of the model, a thread among them', () => {
    const s = firstState('held');
    expect(s.xa).toBe('(0 :> [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> 1])');
    expect([s.owner, s.pending, s.dirty]).toEqual(['1', '3', '0']);
  });

  it('a model without initial starts from the spec: an empty XArray, the declared globals', () => {
    const s = firstState('empty');
    expect(s.xa).toBe('(0 :> Null @@ 1 :> Null @@ 2 :> Null @@ 3 :> Null)');
    expect([s.owner, s.pending, s.dirty]).toEqual(['Null', '0', '0']);
    expect(spec.models.find((m) => m.name === 'empty')!.initial).toBeUndefined();
  });
});
