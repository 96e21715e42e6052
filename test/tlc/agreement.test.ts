/**
 * Interpreter and TLC agree on every shipped model: verdict, distinct states,
 * and TLC's counterexample replayed step by step in the interpreter. Runs
 * when a TLC jar is found (tools/tlc.sh --which-jar); models larger than
 * DAXSPEC_TLC_MAX_STATES interpreter states (default 5000) are skipped, as
 * TLC needs minutes for them — `daxspec tlc` checks those by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { emitSpec, vocabularyModule } from '../../src/emit/index.js';
import { modelModuleName } from '../../src/emit/names.js';
import { compareWithTlc } from '../../src/tlc/agreement.js';
import { runTlc } from '../../src/tlc/run.js';
import { loadSpec, specFiles } from '../helpers/specs.js';
import { tlcAvailability } from './tlc-available.js';

const MAX_STATES = Number(process.env.DAXSPEC_TLC_MAX_STATES ?? 5000);

const cases: [string, string][] = specFiles().flatMap((file) => loadSpec(file).models.map((m): [string, string] => [file, m.name]));

describe('interpreter and TLC agree', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-agree-'));
  const written = new Set<string>();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.for(cases)('%s %s', { timeout: 600_000 }, async ([file, modelName], ctx) => {
    const tlc = await tlcAvailability();
    if (!tlc.available) return ctx.skip();
    const spec = loadSpec(file);
    const model = spec.models.find((m) => m.name === modelName)!;
    const run = checkModel(spec, model);
    if (run.result.distinctStates > MAX_STATES) {
      console.warn(`skipped ${file} ${modelName}: ${run.result.distinctStates} states > DAXSPEC_TLC_MAX_STATES=${MAX_STATES}`);
      return ctx.skip();
    }
    if (!written.has(file)) {
      writeFileSync(path.join(dir, 'DaxVocabulary.tla'), vocabularyModule());
      for (const [name, text] of emitSpec(spec)) writeFileSync(path.join(dir, name), text);
      written.add(file);
    }
    const base = path.join(dir, modelModuleName(spec.name, model.name));
    const tlcRun = await runTlc(`${base}.tla`, `${base}.cfg`, { workers: 2 });
    expect(tlcRun.kind).toBe('ran');
    if (tlcRun.kind !== 'ran') return;
    const agreement = compareWithTlc(run, tlcRun.result, tlcRun.seconds);
    expect(agreement.differences).toEqual([]);
    if (run.result.verdict.kind === 'violated') expect(agreement.replay?.ok).toBe(true);
  });
});
