/** Among shortest counterexamples to a state, one on which the fewest threads move. */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { compileModel } from '../../src/check/compile.js';
import { explore } from '../../src/check/explore.js';
import { fewestThreadsPath } from '../../src/check/fewest-threads.js';
import { successor } from '../../src/check/graph.js';
import { shortestPath } from '../../src/check/paths.js';
import { replaySteps } from '../../src/check/replay.js';
import { loadSpec } from '../helpers/specs.js';

const distinct = (threads: number[]): number => new Set(threads).size;

describe('fewestThreadsPath', () => {
  const spec = loadSpec('test/fixtures/specs/few-threads.ts');
  const model = spec.models[0]!;

  it('takes both, both, set_c (two threads) where the BFS path is set_a, set_b, set_c (three), at the same length', () => {
    const machine = compileModel(spec, model);
    const { graph, outcome } = explore(machine);
    expect(outcome.kind).toBe('invariant');
    const target = (outcome as { state: number }).state;
    const bfs = shortestPath(graph, target);
    const few = fewestThreadsPath(graph, target);
    expect(distinct(bfs.threads)).toBe(3);
    expect(few.threads.length).toBe(bfs.threads.length);
    expect(few.threads.map((t) => machine.layout.threads[t]!.name)).toEqual(['both()', 'both()', 'set_c()']);
    expect(few.ids.at(-1)).toBe(target);
  });

  it('is what check prints, and the trace replays to the violation', () => {
    const { result, machine } = checkModel(spec, model);
    expect(result.trace!.steps.map((s) => machine.layout.threads[s.thread]!.name)).toEqual(['both()', 'both()', 'set_c()']);
    const replay = replaySteps(machine, result.trace!.steps);
    expect(replay.kind).toBe('ok');
    expect(machine.invariantNames[machine.violatedInvariant(replay.states.at(-1)!)]).toBe('NeverC');
  });

  it('on the seed\'s models, never longer and never more threads than the BFS path, and a path of the graph', () => {
    const seed = loadSpec('spec/dax-pmd-wakeup.ts');
    for (const name of ['buggy', 'buggy-6', 'conflict-fallback-v5.4-6']) {
      const machine = compileModel(seed, seed.models.find((m) => m.name === name)!);
      const { graph } = explore(machine);
      // Every state of the first levels as a target.
      for (let target = 0; target < Math.min(graph.store.count, 400); target++) {
        const bfs = shortestPath(graph, target);
        const few = fewestThreadsPath(graph, target);
        expect(few.threads.length).toBe(bfs.threads.length);
        expect(distinct(few.threads)).toBeLessThanOrEqual(distinct(bfs.threads));
        expect(few.ids[0]).toBe(0);
        expect(few.ids.at(-1)).toBe(target);
        few.threads.forEach((t, i) => expect(successor(graph, few.ids[i]!, t)).toBe(few.ids[i + 1]));
      }
    }
  });
});
