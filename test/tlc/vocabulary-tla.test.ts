/**
 * DaxVocabulary.tla on the same hand-worked cases as the interpreter: each
 * case becomes an ASSUME, checked by TLC when a jar is available (the module
 * is syntax-checked always).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vocabularyModule } from '../../src/emit/index.js';
import { checkTlaSyntax } from '../../src/emit/tla-syntax.js';
import { runTlc } from '../../src/tlc/run.js';
import { vocabularyCases, type E, type VocabCase, type W } from '../fixtures/vocabulary-cases.js';
import { tlcAvailability } from './tlc-available.js';

const entry = (e: E | null): string =>
  e === null ? 'Null' : `[order |-> ${e.order}, locked |-> ${e.locked ? 'TRUE' : 'FALSE'}, empty |-> ${e.empty ? 'TRUE' : 'FALSE'}, zero |-> ${e.zero ? 'TRUE' : 'FALSE'}, pfn |-> ${e.pfn ?? 0}]`;
const fn = (items: string[]): string => `(${items.map((v, i) => `${i} :> ${v}`).join(' @@ ')})`;
const xa = (slots: (E | null)[]): string => fn(slots.map(entry));
const waiter = (w: W): string => `[thread |-> ${w.thread}, key |-> ${w.key}, exclusive |-> ${w.exclusive ? 'TRUE' : 'FALSE'}]`;
const wq = (qs: W[][]): string => fn(qs.map((q) => `<<${q.map(waiter).join(', ')}>>`));

function assumption(c: VocabCase): string {
  switch (c.op) {
    case 'findConflict':
      return `FindConflict(${xa(c.xa)}, ${c.index}, ${c.order}) = ${entry(c.expect)}`;
    case 'store':
      return `StoreEntry(${xa(c.xa)}, ${c.index}, ${entry(c.entry)}) = ${xa(c.expect)}`;
    case 'erase':
      return `EraseEntry(${xa(c.xa)}, ${c.index}) = ${xa(c.expect)}`;
    case 'alignDown':
      return `AlignDown(${c.index}, ${c.order}) = ${c.expect}`;
    case 'prepareToWait':
      return `PrepareToWait(${wq(c.wq)}, ${c.thread}, ${c.key}, ${c.exclusive ? 'TRUE' : 'FALSE'}) = ${wq(c.expect)}`;
    case 'wakeUp':
      return `${c.keyFilter ? 'WakeUp' : 'WakeUpAnyKey'}(${wq(c.wq)}, ${c.key}, ${c.all ? 'WAKE_ALL' : 'WAKE_NEXT'}) = ${wq(c.expect)}`;
    case 'isWaiting':
      return `IsWaiting(${wq(c.wq)}, ${c.thread}) = ${c.expect ? 'TRUE' : 'FALSE'}`;
  }
}

/** A module asserting the cases with this many buckets, plus a trivial behaviour for TLC to run. */
function casesModule(buckets: number, cases: VocabCase[]): string {
  return [
    `---- MODULE VocabularyCases${buckets} ----`,
    'EXTENDS DaxVocabulary, TLC',
    'VARIABLE x',
    ...cases.map((c) => `\\* ${c.name}\nASSUME ${assumption(c)}`),
    'Init == x = 0',
    'Next == UNCHANGED x',
    '====',
    '',
  ].join('\n');
}

const byBuckets = new Map<number, VocabCase[]>();
for (const c of vocabularyCases) byBuckets.set(c.buckets, [...(byBuckets.get(c.buckets) ?? []), c]);

describe('DaxVocabulary.tla on the shared cases', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-vocab-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([...byBuckets.keys()])('the case module for %i bucket(s) parses', async (buckets) => {
    expect(await checkTlaSyntax(casesModule(buckets, byBuckets.get(buckets)!))).toEqual([]);
  });

  it.for([...byBuckets.keys()])('TLC finds every assumption true with %i bucket(s)', async (buckets, ctx) => {
    const tlc = await tlcAvailability();
    if (!tlc.available) return ctx.skip();
    writeFileSync(path.join(dir, 'DaxVocabulary.tla'), vocabularyModule());
    const name = `VocabularyCases${buckets}`;
    writeFileSync(path.join(dir, `${name}.tla`), casesModule(buckets, byBuckets.get(buckets)!));
    writeFileSync(path.join(dir, `${name}.cfg`), `CONSTANTS\n    Null = Null\n    NrBuckets = ${buckets}\nINIT Init\nNEXT Next\n`);
    const run = await runTlc(path.join(dir, `${name}.tla`), path.join(dir, `${name}.cfg`));
    expect(run.kind).toBe('ran');
    if (run.kind === 'ran') expect(run.result.outcome, run.output.slice(-2000)).toEqual({ kind: 'ok' });
  });

  it('a wrong expectation is caught by TLC (the check can fail)', async (ctx) => {
    const tlc = await tlcAvailability();
    if (!tlc.available) return ctx.skip();
    writeFileSync(path.join(dir, 'DaxVocabulary.tla'), vocabularyModule());
    const wrong: VocabCase = { name: 'wrong on purpose', buckets: 1, op: 'alignDown', index: 5, order: 2, expect: 5 };
    writeFileSync(path.join(dir, 'VocabularyCases1.tla'), casesModule(1, [wrong]));
    writeFileSync(path.join(dir, 'VocabularyCases1.cfg'), 'CONSTANTS\n    Null = Null\n    NrBuckets = 1\nINIT Init\nNEXT Next\n');
    const run = await runTlc(path.join(dir, 'VocabularyCases1.tla'), path.join(dir, 'VocabularyCases1.cfg'));
    expect(run.kind === 'ran' && run.result.outcome.kind).toBe('error');
  });
});
