/** Top-level lists of thread instances, named or spread in a model's threads. */
import { describe, expect, it } from 'vitest';
import { parseSpecFile } from '../../src/parse/spec.js';

describe('thread lists', () => {
  const spec = parseSpecFile('test/fixtures/specs/thread-lists.ts');

  it('a model can name a list', () => {
    expect(spec.models.find((m) => m.name === 'p')!.threads.map((t) => t.name)).toEqual(['t1(0)', 't1(0)#2']);
  });

  it('lists spread into lists and into a model, in order', () => {
    expect(spec.models.find((m) => m.name === 'm')!.threads.map((t) => t.name)).toEqual(['t1(0)', 't1(0)#2', 't1(0)#3', 't1(0)#4']);
  });
});
