/** --html: the TraceView read off a counterexample, and the page that carries it (its browser test: html-browser.test.ts). */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { tlaBool, tlaInt, tlaString, type TlaValue } from '../../src/model/tla-value.js';
import { escapeHtml, htmlPage, scriptJson } from '../../src/render/html.js';
import { slotsOf, traceViewOf, type TraceView } from '../../src/render/html-view.js';
import { runDaxspec } from '../../src/vitest/run-cli.js';
import { loadSpec, stepAt } from '../helpers/specs.js';

const SEED = 'spec/dax-pmd-wakeup.ts';

function viewOf(file: string, name: string): TraceView {
  const spec = loadSpec(file);
  const model = spec.models.find((m) => m.name === name)!;
  const { result, machine } = checkModel(spec, model);
  return traceViewOf(spec, model, result.verdict, machine, result.trace!);
}

const entry = (order: number, locked: boolean, pfn = 0): TlaValue => ({ kind: 'record', fields: { order: tlaInt(order), locked: tlaBool(locked), empty: tlaBool(false), zero: tlaBool(false), pfn: tlaInt(pfn) } });
const fn = (values: TlaValue[]): TlaValue => ({ kind: 'fn', pairs: values.map((v, i) => [tlaInt(i), v]) });
const NULL: TlaValue = { kind: 'modelValue', name: 'Null' };

describe('traceView', () => {
  it('reads the seed bug frame by frame: the PMD fault asleep on key 0 at its schedule line, nobody woken', () => {
    const v = viewOf('spec/dax-pmd-wakeup.ts', 'buggy');
    expect(v.verdict).toBe('violates NoLostWakeup (pmd_fault(0))');
    expect(v.property).toBe('NoLostWakeup');
    expect(v.frames).toHaveLength(4);
    expect(v.frames[0]!.step).toBeNull();
    expect(v.frames[0]!.queues).toEqual([{ bucket: 0, waiters: [] }]);
    expect(v.frames[1]!.xa.map((s) => [s.first, s.size, s.locked, s.empty])).toEqual([[0, null, false, false], [1, 'PTE', true, true]]);
    const last = v.frames[3]!;
    expect(last.step).toMatchObject({ number: 3, thread: 'pte_fault(1)', label: 'dax_unlock_entry', at: stepAt(SEED, 'pte_fault', 'dax_unlock_entry'), did: ['unlocks the PTE at 1, now filled', 'wakes key 1: nobody'], inLoop: false });
    expect(last.queues).toEqual([{ bucket: 0, waiters: [{ thread: 'pmd_fault(0)', key: 0, exclusive: true }] }]);
    expect(last.threads).toEqual([
      { name: 'pte_fault(1)', label: 'Done', at: '', asleepOn: null },
      { name: 'pmd_fault(0)', label: 'schedule', at: stepAt(SEED, 'pmd_fault', 'schedule'), asleepOn: 0 },
    ]);
    expect(v.stuttering).toBe(true);
    expect(v.ending).toBe('then no thread can move; asleep forever: pmd_fault(0) on key 0');
  });

  it('shows the state a lasso returns to after its last step, and marks the loop\'s steps', () => {
    const v = viewOf('test/fixtures/specs/sleep.ts', 'livelock');
    expect(v.loopFrom).toBe(2);
    expect(v.frames.map((f) => f.step?.inLoop ?? null)).toEqual([null, false, true, true]);
    const { step: _a, ...afterLoop } = v.frames[3]!;
    const { step: _b, ...afterFirst } = v.frames[1]!;
    expect(afterLoop).toEqual(afterFirst);
    expect(v.ending).toBe('steps 2–3 repeat forever');
  });

  it('draws a multi-index entry once over its range, with its marks, and each empty index on its own', () => {
    const state = { xa: fn([entry(1, true, 3), entry(1, true, 3), NULL, entry(0, false)]), marks: fn([{ kind: 'set', items: [tlaString('DIRTY')] }, { kind: 'set', items: [tlaString('DIRTY')] }, { kind: 'set', items: [] }, { kind: 'set', items: [] }]) };
    expect(slotsOf(state, 1).map((s) => ({ first: s.first, last: s.last, size: s.size, locked: s.locked, pfn: s.pfn, marks: s.marks }))).toEqual([
      { first: 0, last: 1, size: 'PMD', locked: true, pfn: 3, marks: ['DIRTY'] },
      { first: 2, last: 2, size: null, locked: false, pfn: 0, marks: [] },
      { first: 3, last: 3, size: 'PTE', locked: false, pfn: 0, marks: [] },
    ]);
  });
});

describe('htmlPage', () => {
  it('carries the view as JSON that no </script> can end, read back unchanged', () => {
    const v = viewOf('spec/dax-pmd-wakeup.ts', 'buggy');
    const hostile = '</script><script>alert(1)</script><!-- \u2028';
    const page = htmlPage({ ...v, doc: hostile, spec: hostile });
    // Exactly the page's own two scripts close, and the header shows the name escaped.
    expect(page.match(/<\/script/g)).toHaveLength(2);
    expect(page).toContain(`<h1>${escapeHtml(hostile)}, model <span id="model">buggy</span></h1>`);
    const blob = /<script type="application\/json" id="trace">(.*?)<\/script>/s.exec(page)![1]!;
    expect(JSON.parse(blob)).toEqual({ ...v, doc: hostile, spec: hostile });
    expect(scriptJson('<b>')).toBe('"\\u003cb>"');
  });

  it('loads nothing from the network: no src or href, a policy that forbids it', () => {
    const page = htmlPage(viewOf('spec/dax-pmd-wakeup.ts', 'buggy'));
    expect(page).not.toMatch(/\b(src|href)=/);
    expect(page).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\"");
  });
});

describe('--html on the command line', () => {
  it('writes one page per counterexample, FILE-<model>.html when several models are checked, none for a model that holds', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-html-'));
    try {
      const file = path.join(dir, 'race.html');
      const r = await runDaxspec(['check', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy', '--model', 'pmd-aligned-keys', '--html', file]);
      expect(r.exitCode).toBe(0);
      expect(existsSync(path.join(dir, 'race-pmd-aligned-keys.html'))).toBe(false);
      const page = readFileSync(path.join(dir, 'race-buggy.html'), 'utf8');
      expect(page).toContain('<title>DaxPmdWakeup model buggy: violates NoLostWakeup (pmd_fault(0))</title>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('daxspec simulate --html writes the violating walk, ending where the sleeper can never be woken', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-html-'));
    try {
      const file = path.join(dir, 'walk.html');
      const r = await runDaxspec(['simulate', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy-6', '--runs', '200', '--html', file]);
      expect(r.exitCode).toBe(0);
      const blob = /<script type="application\/json" id="trace">(.*?)<\/script>/s.exec(readFileSync(file, 'utf8'))![1]!;
      const view = JSON.parse(blob) as TraceView;
      expect(view.model).toBe('buggy-6');
      expect(view.ending).toMatch(/^then pmd_fault\(\d\)(#2)? can never be woken \(every continuation explored\)$/);
      expect(view.frames.at(-1)!.queues.flatMap((q) => q.waiters.map((w) => w.thread))).toContain(view.property === 'NoLostWakeup' ? /then (\S+) can/.exec(view.ending)![1] : '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
