/**
 * A witness that NoLostWakeup is not vacuous: one run, from the explored
 * graph, in which a thread goes to sleep and another thread's step wakes
 * it — the shortest the BFS order gives (the first waking edge found).
 */
import { successor, type StateGraph } from './graph.js';
import { shortestPath } from './paths.js';
import type { Trace } from './result.js';
import { labelAt } from '../model/layout.js';

export function wakeWitness(graph: StateGraph): { trace: Trace; woken: string } | null {
  const { layout } = graph.machine;
  const state = new Int32Array(layout.size);
  for (let from = 0; from < graph.explored; from++) {
    const asleep = graph.waiting[from]!;
    if (asleep === 0) continue;
    for (let u = 0; u < graph.threads; u++) {
      const to = successor(graph, from, u);
      if (to < 0) continue;
      const woken = asleep & ~graph.waiting[to]!;
      if (woken === 0) continue;
      const { ids, threads } = shortestPath(graph, from);
      const allIds = [...ids, to];
      const allThreads = [...threads, u];
      const steps = allThreads.map((t, i) => {
        graph.store.load(allIds[i]!, state);
        return { thread: t, label: labelAt(layout.threads[t]!, state[layout.pcOff + t]!) };
      });
      const w = Math.log2(woken & -woken);
      return { trace: { states: allIds.map((id) => graph.store.get(id)), steps, loop: null }, woken: layout.threads[w]!.name };
    }
  }
  return null;
}
