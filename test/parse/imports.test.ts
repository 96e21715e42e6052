/** Libraries: a spec imports helpers and threads from other .ts files (spec/kernel/). */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { SpecError } from '../../src/model/errors.js';
import { parseSpecFile } from '../../src/parse/spec.js';
import { renderModule } from '../../src/emit/module.js';

describe('imports', () => {
  const spec = parseSpecFile('test/fixtures/specs/imports.ts');

  it('a thread and the helpers it calls come from the library, which the spec lists', () => {
    expect(spec.threads.map((t) => t.name)).toEqual(['bump']);
    expect(spec.threads[0]!.loc.file).toBe('test/fixtures/specs/lib/counter.ts');
    expect(spec.libraries).toEqual(['test/fixtures/specs/lib/counter.ts']);
  });

  it('a library helper nothing calls is left out of the model (and of the TLA+ module)', () => {
    expect(spec.helpers.map((h) => h.name)).toEqual(['next']);
    const tla = renderModule(spec);
    expect(tla).toMatch(/^next\(n\) ==/m);
    expect(tla).not.toMatch(/unused/);
  });

  it('the imported thread runs: two bumps end at count 2, and the invariant count <= 2 holds', () => {
    const { result } = checkModel(spec, spec.models[0]!);
    expect(result.verdict).toEqual({ kind: 'holds' });
    expect(result.distinctStates).toBe(4);
  });

  it('the kernel library is used by the shipped specs: dax-invalidate-wakeup takes pte_fault from it', () => {
    const shipped = parseSpecFile('spec/dax-invalidate-wakeup.ts');
    expect(shipped.libraries).toEqual(['spec/kernel/dax.ts']);
    expect(shipped.threads.find((t) => t.name === 'pte_fault')!.loc.file).toBe('spec/kernel/dax.ts');
  });

  it('a name declared both in the spec and in a library is an error naming both places', () => {
    let err: unknown = null;
    try {
      parseSpecFile('test/fixtures/bad-specs/import-twice.ts');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    expect((err as SpecError).message).toMatch(/'next' is declared twice \(first at test\/fixtures\/specs\/lib\/counter.ts:7:1\)/);
    expect((err as SpecError).loc?.file).toBe('test/fixtures/bad-specs/import-twice.ts');
    expect((err as SpecError).hint).toMatch(/@replaces/);
  });

  it('a spec helper marked @replaces takes the place of the library one, inside the library thread too', () => {
    const replaced = parseSpecFile('test/fixtures/specs/replaces.ts');
    expect(replaced.helpers.map((h) => [h.name, h.loc.file])).toEqual([['next', 'test/fixtures/specs/replaces.ts']]);
    const { result } = checkModel(replaced, replaced.models[0]!);
    // Two bumps of 2 end at 4: the final-state invariant BumpedByTwoEach holds only if the library's bump called the spec's next.
    expect(result.verdict).toEqual({ kind: 'holds' });
    expect(result.distinctStates).toBe(4);
    expect(renderModule(replaced)).toMatch(/^next\(n\) ==\s+n \+ 2$/m);
  });
});
