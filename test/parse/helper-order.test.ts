/**
 * A pure helper may call one declared after it: the checker runs it, and the
 * TLA+ module defines the callee first (TLA+ has no forward references).
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { emitSpec } from '../../src/emit/index.js';
import { parseSpecFile } from '../../src/parse/spec.js';

describe('forward calls between pure helpers', () => {
  const spec = parseSpecFile('test/fixtures/bad-inputs/forward-helper.ts');

  it('are pure operators, callees first', () => {
    expect(spec.helpers.map((h) => h.name)).toEqual(['aligned', 'key_of']);
  });

  it('run in the checker', () => {
    const { result } = checkModel(spec, spec.models[0]!);
    expect(result.verdict).toEqual({ kind: 'holds' });
    expect(result.distinctStates).toBe(2);
  });

  it('are defined before use in the TLA+ module', () => {
    const module = emitSpec(spec).get(`${spec.name}.tla`)!;
    const defined = (name: string): number => module.search(new RegExp(`^${name}\\(`, 'm'));
    expect(defined('aligned')).toBeGreaterThan(0);
    expect(defined('aligned')).toBeLessThan(defined('key_of'));
  });
});
