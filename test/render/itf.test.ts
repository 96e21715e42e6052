/** --itf: counterexamples in the Informal Trace Format, checked against a validator of the ITF schema. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { decodeState, stateVariables } from '../../src/model/values.js';
import { itfTrace } from '../../src/render/itf.js';
import { runDaxspec } from '../../src/vitest/run-cli.js';
import { itfTraceProblems } from '../helpers/itf-schema.js';
import { loadSpec } from '../helpers/specs.js';

function itfOf(file: string, name: string): Record<string, unknown> {
  const spec = loadSpec(file);
  const model = spec.models.find((m) => m.name === name)!;
  const { result, machine } = checkModel(spec, model);
  const trace = result.trace!;
  return itfTrace({
    file,
    model: name,
    description: 'test',
    vars: stateVariables(spec),
    states: trace.states.map((s) => decodeState(spec, machine.layout, s)),
    loop: trace.loop === null ? null : trace.loop.kind === 'backTo' ? trace.loop.backTo : trace.states.length - 1,
  });
}

describe('itfTrace', () => {
  it('writes the seed counterexample as valid ITF: #bigint integers, sequences as arrays, functions as #map, the stutter as loop', () => {
    const t = itfOf('spec/dax-pmd-wakeup.ts', 'buggy') as { vars: string[]; states: Record<string, unknown>[]; loop: number };
    expect(itfTraceProblems(t)).toEqual([]);
    expect(t.vars).toEqual(['pc', 'entry', 'xa', 'waitq', 'bug']);
    expect(t.states).toHaveLength(4);
    expect(t.loop).toBe(3);
    const last = t.states[3]!;
    expect(last['#meta']).toEqual({ index: 3 });
    expect(last.pc).toEqual(['Done', 'schedule']);
    expect(last.waitq).toEqual({ '#map': [[{ '#bigint': '0' }, [{ thread: { '#bigint': '2' }, key: { '#bigint': '0' }, exclusive: true }]]] });
    expect((last.xa as { '#map': unknown[][] })['#map'][0]).toEqual([{ '#bigint': '0' }, 'Null']);
  });

  it('marks where a lasso loops back', () => {
    const t = itfOf('test/fixtures/specs/sleep.ts', 'livelock') as { states: unknown[]; loop: number };
    expect(itfTraceProblems(t)).toEqual([]);
    expect(t.loop).toBeLessThan(t.states.length - 1);
  });
});

describe('the ITF validator', () => {
  it('finds what is wrong (it can fail)', () => {
    expect(itfTraceProblems({ vars: ['x'], states: [{ x: null }] })).toEqual(['states[0].x: null is not an ITF value']);
    expect(itfTraceProblems({ vars: ['x'], states: [{ x: { '#bigint': 3 } }] })).toEqual(['states[0].x: #bigint takes a decimal string']);
    expect(itfTraceProblems({ vars: ['x', 'y'], states: [{ x: 1 }] })).toEqual(['states[0] has variables x, not vars']);
    expect(itfTraceProblems({ vars: ['x'], states: [{ x: { '#map': [[1]] } }], loop: 4 })).toEqual(['states[0].x.#map[0]: not a [key, value] pair', 'loop is not the index of a state']);
    expect(itfTraceProblems({ vars: ['x'], states: [{ x: { '#set': [true], y: 1 } }] })).toEqual(['states[0].x: #set must be the only key']);
  });
});

describe('daxspec check --itf', () => {
  it('writes the file, one per model when several are checked', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-itf-'));
    try {
      const file = path.join(dir, 'trace.itf.json');
      const r = await runDaxspec(['check', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy', '--model', 'buggy-6', '--itf', file]);
      expect(r.exitCode).toBe(0);
      for (const model of ['buggy', 'buggy-6']) {
        const t = JSON.parse(readFileSync(path.join(dir, `trace-${model}.itf.json`), 'utf8')) as { '#meta': { model: string } };
        expect(itfTraceProblems(t)).toEqual([]);
        expect(t['#meta'].model).toBe(model);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
