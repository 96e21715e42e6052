/**
 * Fixture specs written to make the interpreter and TLC disagree (issue 8's
 * classes: precedence, names, arithmetic; the marks of issue 10) agree now: same verdict, same
 * distinct states, TLC's counterexample replayed. Runs when a TLC jar is
 * found; the emitted modules are syntax-checked always.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { emitSpec, vocabularyModule } from '../../src/emit/index.js';
import { modelModuleName } from '../../src/emit/names.js';
import { checkTlaSyntax } from '../../src/emit/tla-syntax.js';
import { parseSpecFile } from '../../src/parse/spec.js';
import { compareWithTlc } from '../../src/tlc/agreement.js';
import { runTlc } from '../../src/tlc/run.js';
import { tlcAvailability } from './tlc-available.js';

const FIXTURES = [
  'test/fixtures/specs/precedence.ts',
  // TLC names NoLostWakeup and Termination; the interpreter's NoLostWakeup must be among them.
  'test/fixtures/specs/early-liveness.ts',
  // Booleans as thread parameters: TRUE/FALSE in the MC module, 1/0 in the interpreter.
  'test/fixtures/specs/flags.ts',
  // Marks and the marked walk: DIRTY/TOWRITE through stores, tagging, xas_pause and xas_next_marked.
  'test/fixtures/specs/marks.ts',
  // Final-state properties: an INVARIANT guarded by every thread being Done, the trace ending there.
  'test/fixtures/specs/final-state.ts',
  // Initial state per model: entries (locked, a PMD, marks) and globals, as constants of the MC module.
  'test/fixtures/specs/initial-state.ts',
  // A spec helper marked @replaces called by the library's thread: TLC must run the spec's one too.
  'test/fixtures/specs/replaces.ts',
  // k.schedule(): the sleep steps the parser makes, two in one thread, and a lost wake-up through them.
  'test/fixtures/specs/schedule.ts',
];

describe.each(FIXTURES)('%s', (file) => {
  const spec = parseSpecFile(file);
  const files = emitSpec(spec);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-fixture-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([...files.keys()].filter((n) => n.endsWith('.tla')))('%s parses with tree-sitter-tlaplus', async (name) => {
    expect(await checkTlaSyntax(files.get(name)!)).toEqual([]);
  });

  it.for(spec.models.map((m) => m.name))('model %s: TLC agrees with the interpreter', { timeout: 900_000 }, async (modelName, ctx) => {
    const tlc = await tlcAvailability();
    if (!tlc.available) return ctx.skip();
    writeFileSync(path.join(dir, 'DaxVocabulary.tla'), vocabularyModule());
    for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
    const model = spec.models.find((m) => m.name === modelName)!;
    const run = checkModel(spec, model);
    const base = path.join(dir, modelModuleName(spec.name, model.name));
    const tlcRun = await runTlc(`${base}.tla`, `${base}.cfg`, { fastStart: true });
    expect(tlcRun.kind).toBe('ran');
    if (tlcRun.kind !== 'ran') return;
    const agreement = compareWithTlc(run, tlcRun.result, tlcRun.seconds);
    expect(agreement.differences).toEqual([]);
    // A safety violation stops both searches early: then the verdict and TLC's replayed counterexample are what is compared.
    const stoppedEarly = run.result.verdict.kind === 'violated' && run.result.verdict.propertyKind !== 'liveness';
    expect(agreement.statesCompared).toBe(!stoppedEarly);
    if (stoppedEarly) {
      expect(agreement.replay?.ok).toBe(true);
      // Both stop at the first violating state of a breadth-first search: the shortest trace has one length.
      expect(tlcRun.result.trace!.states.length).toBe(run.result.trace!.states.length);
    }
  });
});
