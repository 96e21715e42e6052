/**
 * The work behind agreement.test.ts, run in a child process (test/helpers/child.ts):
 * checking every model of a spec and running TLC on the small ones takes minutes
 * of mostly synchronous work that must not block the vitest worker.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkModel } from '../../src/check/check.js';
import { emitSpec, vocabularyModule } from '../../src/emit/index.js';
import { modelModuleName } from '../../src/emit/names.js';
import { parseSpecFile } from '../../src/parse/spec.js';
import { compareWithTlc } from '../../src/tlc/agreement.js';
import { runTlc } from '../../src/tlc/run.js';
import { specFiles } from '../helpers/specs.js';

/** [spec file, model name] of every shipped model. */
export function shippedModels(): [string, string][] {
  return specFiles().flatMap((file) => parseSpecFile(file).models.map((m): [string, string] => [file, m.name]));
}

export type ModelAgreement =
  | { model: string; kind: 'skipped'; reason: string }
  | { model: string; kind: 'compared'; tlcRan: boolean; differences: string[]; violated: boolean; replayed: boolean | null };

/** Interpreter vs TLC on each model of `file` with at most `maxStates` interpreter states. */
export async function agreeOnSpec(file: string, maxStates: number): Promise<ModelAgreement[]> {
  const spec = parseSpecFile(file);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-agree-'));
  try {
    writeFileSync(path.join(dir, 'DaxVocabulary.tla'), vocabularyModule());
    for (const [name, text] of emitSpec(spec)) writeFileSync(path.join(dir, name), text);
    const results: ModelAgreement[] = [];
    for (const model of spec.models) {
      const run = checkModel(spec, model);
      if (run.result.distinctStates > maxStates) {
        results.push({ model: model.name, kind: 'skipped', reason: `${run.result.distinctStates} states > DAXSPEC_TLC_MAX_STATES=${maxStates}` });
        continue;
      }
      const base = path.join(dir, modelModuleName(spec.name, model.name));
      const tlcRun = await runTlc(`${base}.tla`, `${base}.cfg`, { workers: 1, fastStart: true });
      if (tlcRun.kind !== 'ran') {
        results.push({ model: model.name, kind: 'compared', tlcRan: false, differences: [tlcRun.kind === 'killed' ? `TLC was killed by ${tlcRun.signal}` : tlcRun.kind === 'cancelled' ? 'TLC run cancelled' : tlcRun.reason], violated: false, replayed: null });
        continue;
      }
      const agreement = compareWithTlc(run, tlcRun.result, tlcRun.seconds);
      results.push({
        model: model.name,
        kind: 'compared',
        tlcRan: true,
        differences: agreement.differences,
        violated: run.result.verdict.kind === 'violated',
        replayed: agreement.replay?.ok ?? null,
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
