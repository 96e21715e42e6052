/**
 * The seed's question-* models settle whether the pmd-aligned-keys fix can
 * strand a waiter. They hold; this test checks that they hold for the right
 * reason: the interleaving the list feared — wake-one wakes a waiter for
 * another index of the range, whose own entry is still locked, so it goes
 * back to sleep without passing the wake-up on — is reachable in them.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/check/compile.js';
import { DISABLED, explore } from '../../src/check/explore.js';
import { successor } from '../../src/check/graph.js';
import { entryField } from '../../src/model/layout.js';
import { loadSpec } from '../helpers/specs.js';

/** Transitions in which thread u's step wakes a waiter w for another index whose entry stays locked. */
function misdirectedWakeUps(modelName: string): number {
  const spec = loadSpec('spec/dax-pmd-wakeup.ts');
  const machine = compileModel(spec, spec.models.find((m) => m.name === modelName)!);
  const { graph } = explore(machine);
  const { layout } = machine;
  const T = graph.threads;
  let count = 0;
  for (let s = 0; s < graph.store.count; s++) {
    for (let u = 0; u < T; u++) {
      const to = successor(graph, s, u);
      if (to === DISABLED || to === s) continue;
      const woken = graph.waiting[s]! & ~graph.waiting[to]! & ~(1 << u);
      if (woken === 0) continue;
      const after = graph.store.get(to);
      for (let w = 0; w < T; w++) {
        if ((woken & (1 << w)) === 0) continue;
        const index = layout.threads[w]!.params.index as number;
        const entry = after[layout.xaOff + index]!;
        if (index !== layout.threads[u]!.params.index && entry !== 0 && entryField(entry, 'locked') === 1) count++;
      }
    }
  }
  return count;
}

describe('the pmd-aligned-keys question', () => {
  it.each(['pmd-aligned-keys-question-one-range', 'pmd-aligned-keys-question-with-pmd', 'pmd-aligned-keys-question-collisions'])('%s reaches a misdirected wake-up', (name) => {
    expect(misdirectedWakeUps(name)).toBeGreaterThan(0);
  });

  it('the conflict-fallback-v5.4 minimal model has none (the count can be zero)', () => {
    // One PTE and one PMD fault on different indices: the PMD fault never sleeps
    // (it falls back), so no one is ever woken for another index.
    expect(misdirectedWakeUps('conflict-fallback-v5.4')).toBe(0);
  });
});
