/**
 * Arithmetic follows TLA+ as TLC runs it (issue 8, class 3): where TLC stops
 * (% by a non-positive number, a result or power beyond its 32-bit integers,
 * a negative exponent), the interpreter fails the step, located (DSX005),
 * instead of computing a value TLC never would; -7 % 3 is 2 in both. Each
 * case also runs on TLC when a jar is found, which must stop with its own
 * message for the same case.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { emitSpec, vocabularyModule } from '../../src/emit/index.js';
import { modelModuleName } from '../../src/emit/names.js';
import { SpecError } from '../../src/model/errors.js';
import { parseSpecFile } from '../../src/parse/spec.js';
import { runTlc } from '../../src/tlc/run.js';
import { tlcAvailability } from '../tlc/tlc-available.js';

const FILE = 'test/fixtures/specs/arithmetic.ts';
const spec = parseSpecFile(FILE);

/** Model, what the interpreter says and where (line of test/fixtures/specs/arithmetic.ts), what TLC says. */
const failing: [string, RegExp, number, RegExp][] = [
  ['mod-zero', /7 % 0: the divisor of % must be positive/, 22, /second argument of % should be a positive number/],
  ['mod-negative', /7 % -3: the divisor of % must be positive/, 23, /second argument of % should be a positive number/],
  ['negate-min', /integer overflow: 2147483648 does not fit in 32 bits/, 25, /Overflow when computing --2147483648/],
  ['align-33', /2\^33 does not fit in 32 bits/, 26, /Overflow when computing 2\^33/],
  ['conflict-order-31', /2\^31 does not fit in 32 bits/, 27, /Overflow when computing 2\^31/],
  ['negative-order', /2\^-1: the exponent must be a natural number/, 26, /second argument of \^ should be a natural number/],
];

function failureOf(model: string): SpecError {
  try {
    checkModel(spec, spec.models.find((m) => m.name === model)!);
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error(`model ${model} did not fail`);
}

describe('arithmetic TLC refuses fails the step in the interpreter', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-arith-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let written = false;
  const tlcOutcome = async (model: string) => {
    if (!written) {
      writeFileSync(path.join(dir, 'DaxVocabulary.tla'), vocabularyModule());
      for (const [name, text] of emitSpec(spec)) writeFileSync(path.join(dir, name), text);
      written = true;
    }
    const base = path.join(dir, modelModuleName(spec.name, model));
    const run = await runTlc(`${base}.tla`, `${base}.cfg`);
    if (run.kind !== 'ran') throw new Error('TLC did not run');
    return run.result.outcome;
  };

  it.each(failing)('%s: DSX005 at the expression', (model, message, line) => {
    const err = failureOf(model);
    expect(err.code).toBe('DSX005');
    expect(err.message).toMatch(message);
    expect(err.loc?.file).toBe(FILE);
    expect(err.loc?.line).toBe(line);
  });

  it.for(failing)('%s: TLC stops there too', { timeout: 600_000 }, async ([model, , , tlcMessage], ctx) => {
    if (!(await tlcAvailability()).available) return ctx.skip();
    const outcome = await tlcOutcome(model);
    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'error') expect(outcome.message).toMatch(tlcMessage);
  });

  it('-7 % 3 is 2, as in TLA+ (not -1 as in JavaScript), and TLC agrees', { timeout: 600_000 }, async (ctx) => {
    const run = checkModel(spec, spec.models.find((m) => m.name === 'mod-negative-dividend')!);
    expect(run.result.verdict.kind).toBe('holds');
    if (!(await tlcAvailability()).available) return ctx.skip();
    expect(await tlcOutcome('mod-negative-dividend')).toEqual({ kind: 'ok' });
  });
});
