/**
 * The liveness search looks for fair components only inside the graph's
 * nontrivial SCCs and its stuck states. Held here against the plain
 * definition — the SCCs of the whole subgraph a property selects, each
 * tested for fairness — on every small shipped model and every property, so
 * that the shortcut can never change a verdict or a counterexample.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/check/compile.js';
import { explore } from '../../src/check/explore.js';
import { DISABLED, successor, type StateGraph } from '../../src/check/graph.js';
import { cyclicCore, findFairComponent } from '../../src/check/liveness.js';
import { loadSpec, specFiles } from '../helpers/specs.js';

/** Every SCC of the subgraph induced by `inside` (self-loops ignored), by Kosaraju with plain arrays. */
function sccsOf(graph: StateGraph, inside: (id: number) => boolean): number[][] {
  const n = graph.explored;
  const out: number[][] = Array.from({ length: n }, () => []);
  const into: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) {
    if (!inside(v)) continue;
    for (let t = 0; t < graph.threads; t++) {
      const w = successor(graph, v, t);
      if (w === DISABLED || w === v || !inside(w)) continue;
      out[v]!.push(w);
      into[w]!.push(v);
    }
  }
  const order: number[] = [];
  const seen = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    if (seen[r] || !inside(r)) continue;
    const stack: [number, number][] = [[r, 0]];
    seen[r] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = out[top[0]]![top[1]++];
      if (next === undefined) {
        order.push(top[0]);
        stack.pop();
      } else if (!seen[next]) {
        seen[next] = 1;
        stack.push([next, 0]);
      }
    }
  }
  const comp = new Int32Array(n).fill(-1);
  const result: number[][] = [];
  for (let i = order.length - 1; i >= 0; i--) {
    const r = order[i]!;
    if (comp[r] !== -1) continue;
    const members = [r];
    comp[r] = result.length;
    for (let k = 0; k < members.length; k++) {
      for (const p of into[members[k]!]!) {
        if (comp[p] === -1) {
          comp[p] = result.length;
          members.push(p);
        }
      }
    }
    result.push(members.sort((a, b) => a - b));
  }
  return result;
}

function isFair(graph: StateGraph, members: number[]): boolean {
  const set = new Set(members);
  for (let t = 0; t < graph.threads; t++) {
    if (!members.some((s) => { const w = successor(graph, s, t); return w === DISABLED || w === s || set.has(w); })) return false;
  }
  return true;
}

/** The fair SCC of the subgraph whose smallest state is smallest, by the definition. */
function referenceFairComponent(graph: StateGraph, inside: (id: number) => boolean): number[] | null {
  const fair = sccsOf(graph, inside).filter((c) => isFair(graph, c));
  fair.sort((a, b) => a[0]! - b[0]!);
  return fair[0] ?? null;
}

const SMALL = 5_000;

describe('liveness search against the definition', () => {
  // sleep.ts has the models with cycles (a livelock, a fair spin); the shipped graphs are acyclic.
  for (const file of [...specFiles(), 'test/fixtures/specs/sleep.ts']) {
    it(`${file}: every property of every model up to ${SMALL} states`, () => {
      const spec = loadSpec(file);
      let compared = 0;
      let cyclic = 0;
      for (const model of spec.models) {
        const { graph, outcome } = explore(compileModel(spec, model), { maxStates: SMALL });
        if (outcome.kind !== 'complete') continue;
        const core = cyclicCore(graph);
        if (core.nodes.length > 0) cyclic++;
        const all = (1 << graph.threads) - 1;
        const properties: ((id: number) => boolean)[] = [(id) => graph.done[id] !== all];
        for (let t = 0; t < graph.threads; t++) properties.push((id) => (graph.waiting[id]! & (1 << t)) !== 0);
        for (const inside of properties) {
          expect(findFairComponent(graph, core, inside)?.members ?? null).toEqual(referenceFairComponent(graph, inside));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
      if (file.endsWith('sleep.ts')) expect(cyclic).toBeGreaterThan(0);
    });
  }
});
