/**
 * DaxVocabulary.tla on the operation table's hand-worked cases, each rendered
 * through its row's TLA+ rendering (as the emitter renders a call): each case
 * becomes an ASSUME, checked by TLC when a jar is available (the module is
 * syntax-checked always).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vocabularyModule } from '../../src/emit/index.js';
import { checkTlaSyntax } from '../../src/emit/tla-syntax.js';
import { runTlc } from '../../src/tlc/run.js';
import type { OpCase, VocabOp } from '../../src/model/operations.js';
import { allCases, tlaAssumptions } from '../helpers/op-cases.js';
import { tlcAvailability } from './tlc-available.js';

type Row = { title: string; op: VocabOp; c: OpCase };

/** A module asserting the cases with this many buckets, plus a trivial behaviour for TLC to run. */
function casesModule(buckets: number, cases: Row[]): string {
  return [
    `---- MODULE VocabularyCases${buckets} ----`,
    'EXTENDS DaxVocabulary, TLC',
    'CONSTANT XA_RETRY_ENTRY',
    'VARIABLE x',
    ...cases.flatMap(({ title, op, c }) => tlaAssumptions(op, c).map((a) => `\\* ${title}\nASSUME ${a}`)),
    'Init == x = 0',
    'Next == UNCHANGED x',
    '====',
    '',
  ].join('\n');
}

const byBuckets = new Map<number, Row[]>();
for (const row of allCases()) {
  const buckets = row.c.buckets ?? 1;
  byBuckets.set(buckets, [...(byBuckets.get(buckets) ?? []), row]);
}

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
    writeFileSync(path.join(dir, `${name}.cfg`), `CONSTANTS\n    Null = Null\n    XA_RETRY_ENTRY = XA_RETRY_ENTRY\n    NrBuckets = ${buckets}\nINIT Init\nNEXT Next\n`);
    const run = await runTlc(path.join(dir, `${name}.tla`), path.join(dir, `${name}.cfg`));
    expect(run.kind).toBe('ran');
    if (run.kind === 'ran') expect(run.result.outcome, run.output.slice(-2000)).toEqual({ kind: 'ok' });
  });

  it('a wrong expectation is caught by TLC (the check can fail)', async (ctx) => {
    const tlc = await tlcAvailability();
    if (!tlc.available) return ctx.skip();
    writeFileSync(path.join(dir, 'DaxVocabulary.tla'), vocabularyModule());
    const alignDown = allCases().find((r) => r.op.name === 'alignDown')!;
    const wrong: Row = { ...alignDown, title: 'wrong on purpose', c: { name: 'wrong', args: [5, 2], expect: { value: 5 } } };
    writeFileSync(path.join(dir, 'VocabularyCases1.tla'), casesModule(1, [wrong]));
    writeFileSync(path.join(dir, 'VocabularyCases1.cfg'), 'CONSTANTS\n    Null = Null\n    XA_RETRY_ENTRY = XA_RETRY_ENTRY\n    NrBuckets = 1\nINIT Init\nNEXT Next\n');
    const run = await runTlc(path.join(dir, 'VocabularyCases1.tla'), path.join(dir, 'VocabularyCases1.cfg'));
    expect(run.kind === 'ran' && run.result.outcome.kind).toBe('error');
  });
});
