/**
 * The interpreter on the operation table's hand-worked cases: each row's
 * generated call (the code the compiled checker runs) is evaluated against
 * the Vocabulary on a state built from the case.
 */
import { describe, expect, it } from 'vitest';
import type { Layout } from '../../src/model/layout.js';
import type { OpCase, VocabOp } from '../../src/model/operations.js';
import { Vocabulary } from '../../src/model/vocabulary.js';
import { allCases, caseQueues, encEntry, encMarks, encWaiter, encXas, jsValue } from '../helpers/op-cases.js';

const THREADS = 4;

function layoutFor(indices: number, buckets: number): Layout {
  return {
    threads: [],
    indices,
    buckets,
    queueCap: THREADS,
    pcOff: 0,
    globals: new Map(),
    xaOff: 0,
    marksOff: indices,
    queueOff: 2 * indices,
    bugOff: -1,
    bugSites: [],
    size: 2 * indices + buckets * (THREADS + 1),
  };
}

function stateFor(layout: Layout, c: OpCase): Int32Array {
  const s = new Int32Array(layout.size);
  (c.xa ?? []).forEach((e, i) => {
    s[layout.xaOff + i] = encEntry(e);
    s[layout.marksOff + i] = encMarks(e);
  });
  caseQueues(c).forEach((q, b) => {
    const base = layout.queueOff + b * (THREADS + 1);
    s[base] = q.length;
    q.forEach((w, i) => (s[base + 1 + i] = encWaiter(w)));
  });
  return s;
}

function queues(layout: Layout, s: Int32Array): number[][] {
  return Array.from({ length: layout.buckets }, (_, b) => {
    const base = layout.queueOff + b * (THREADS + 1);
    return Array.from({ length: s[base]! }, (_, i) => s[base + 1 + i]!);
  });
}

/** Runs the row's generated JavaScript on `state`, as a compiled step would: the value (or effect), then the move. */
function run(op: VocabOp, c: OpCase, v: Vocabulary, state: Int32Array): { value: number; xas: number } {
  const site = { args: c.args.map((a) => String(jsValue(a))), loc: 0, self: c.self ?? 1 };
  const call = op.form === 'move' ? '0' : op.js(site);
  const move = op.moves === undefined ? '0' : op.moves.js(site);
  const body = op.form === 'stmt' ? `${call}; return { value: 0, xas: ${move} };` : `const value = ${call}; return { value, xas: ${move} };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('V', 'o', body)(v, state) as { value: number; xas: number };
}

describe('vocabulary (interpreter) on the operation table cases', () => {
  it.each(allCases().map((x) => [x.title, x] as const))('%s', (_, { op, c }) => {
    const indices = c.xa?.length ?? 4;
    const layout = layoutFor(indices, c.buckets ?? 1);
    const v = new Vocabulary(layout, [{ file: 'test', line: 1, col: 1 }]);
    const s = stateFor(layout, c);
    const result = run(op, c, v, s);
    const e = c.expect;
    expect(Object.keys(e).length).toBeGreaterThan(0);
    if (e.value !== undefined) expect(result.value).toBe(jsValue(e.value));
    if (e.xa !== undefined) {
      expect(Array.from(s.subarray(layout.xaOff, layout.xaOff + indices))).toEqual(e.xa.map(encEntry));
      expect(Array.from(s.subarray(layout.marksOff, layout.marksOff + indices)), 'marks').toEqual(e.xa.map(encMarks));
    }
    if (e.wq !== undefined) expect(queues(layout, s)).toEqual(e.wq.map((q) => q.map(encWaiter)));
    if (e.xas !== undefined) expect(result.xas).toBe(encXas(e.xas));
  });

  it('a wrong expectation fails (the check can fail)', () => {
    const { op, c } = allCases().find((x) => x.op.name === 'alignDown')!;
    const layout = layoutFor(4, 1);
    const v = new Vocabulary(layout, [{ file: 'test', line: 1, col: 1 }]);
    expect(run(op, { ...c, args: [5, 2] }, v, stateFor(layout, c)).value).not.toBe(5);
  });
});
