/**
 * Every disagreement the fuzzer found, shrunk, kept as a fixture
 * (test/fixtures/fuzz/*.ts): the interpreter and TLC must agree on each.
 * Runs when a TLC jar is found.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSpecFile } from '../../src/fuzz/differential.js';
import { tlcAvailability } from '../tlc/tlc-available.js';

const DIR = 'test/fixtures/fuzz';
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts')).sort();

describe('fuzzer findings stay fixed', () => {
  it.for(files)('%s', { timeout: 300_000 }, async (file, ctx) => {
    const tlc = await tlcAvailability();
    if (!tlc.available) return ctx.skip();
    const workDir = path.join(os.tmpdir(), `daxspec-finding-${process.pid}-${file}`);
    const outcome = await checkSpecFile(path.join(DIR, file), { maxStates: 20_000, workDir, tlcTimeoutMs: 240_000 });
    expect(outcome.kind === 'disagree' ? outcome.differences : outcome.kind).toBe('agree');
  });
});
