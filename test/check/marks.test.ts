/**
 * Marks in the interpreter (test/fixtures/specs/marks.ts): fsync's
 * xas_for_each_marked(TOWRITE) walk writes back every entry that
 * tag_pages_for_writeback() tagged, across xas_pause(), and clears its marks;
 * without the tagging the walk finds nothing and the entries stay DIRTY.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.ts';
import { MARK_BITS } from '../../src/model/operations.ts';
import { loadSpec } from '../helpers/specs.js';

const spec = loadSpec('test/fixtures/specs/marks.ts');
const run = (name: string) => checkModel(spec, spec.models.find((m) => m.name === name)!);

describe('marks and the marked walk', () => {
  it.each(['tagged', 'tagged-squash'])('%s: every entry is written back and left clean', (name) => {
    expect(run(name).result.verdict).toEqual({ kind: 'holds' });
  });

  it('untagged: the TOWRITE walk finds nothing, every entry is left DIRTY', () => {
    const { result, machine } = run('untagged');
    expect(result.verdict).toMatchObject({ kind: 'violated', property: 'BUG_ON' });
    const last = result.trace!.states.at(-1)!;
    const { marksOff, indices } = machine.layout;
    expect(Array.from(last.subarray(marksOff, marksOff + indices))).toEqual([MARK_BITS.DIRTY, MARK_BITS.DIRTY, MARK_BITS.DIRTY, MARK_BITS.DIRTY]);
  });

  it('unchecked: only the final-state property, reading marks with xa_get_mark(), sees the entries left DIRTY', () => {
    const { result } = run('unchecked');
    expect(result.verdict).toMatchObject({ kind: 'violated', property: 'NoneLeftDirty' });
    expect(run('tagged').result.verdict).toEqual({ kind: 'holds' });
  });

  it('a spec without marks has no marks in its state', () => {
    const seed = loadSpec('spec/dax-pmd-wakeup.ts');
    expect(checkModel(seed, seed.models[0]!).machine.layout.marksOff).toBe(-1);
  });
});
