/** Integers do not wrap: TLA+'s don't, so a result outside int32 is a step failure, not a silent wrap. */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { SpecError } from '../../src/model/errors.js';
import { parseSpecFile } from '../../src/parse/spec.js';

describe('integer overflow', () => {
  it('fails the step with DSX005 at the arithmetic, after 31 doublings', () => {
    const spec = parseSpecFile('test/fixtures/specs/overflow.ts');
    let error: unknown;
    try {
      checkModel(spec, spec.models[0]!);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    const err = error as SpecError;
    expect(err.code).toBe('DSX005');
    // n runs 1, 3, 7, ..., 2^31 - 1; then the multiplication, checked before the
    // + 1, gives 2 * (2^31 - 1) = 4294967294, which does not fit.
    expect(err.message).toContain('integer overflow: 4294967294');
    expect(err.loc?.line).toBe(4);
  });
});
