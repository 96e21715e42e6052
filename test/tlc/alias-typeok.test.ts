/**
 * Every MC config checks TypeOK and prints traces through ALIAS Alias (the
 * variables plus each thread by name at its label). With a jar: TLC shows
 * the names, the trace still replays (agreement.test.ts covers every small
 * model), and TypeOK really fails on an ill-typed state.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitSpec, vocabularyModule } from '../../src/emit/index.js';
import { modelModuleName } from '../../src/emit/names.js';
import { describeTlcJar, runTlc } from '../../src/tlc/run.js';
import { loadSpec, specFiles } from '../helpers/specs.js';
import { tlcAvailability } from './tlc-available.js';

describe('TypeOK and ALIAS in the emitted modules', () => {
  it.each(specFiles())('%s: every config checks TypeOK and prints through Alias, which the module defines', (file) => {
    const spec = loadSpec(file);
    const files = emitSpec(spec);
    const module = files.get(`${spec.name}.tla`)!;
    expect(module).toMatch(/^TypeOK ==$/m);
    expect(module).toMatch(/^Alias ==$/m);
    expect(module).toContain('threads |-> [t \\in Threads |-> ThreadName[t] \\o " at " \\o pc[t]]');
    for (const model of spec.models) {
      const cfg = files.get(`${modelModuleName(spec.name, model.name)}.cfg`)!;
      expect(cfg).toMatch(/^INVARIANT TypeOK$/m);
      expect(cfg).toMatch(/^ALIAS Alias$/m);
    }
  });
});

describe('TypeOK and ALIAS under TLC', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-alias-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const spec = loadSpec('spec/dax-pmd-wakeup.ts');
  const base = path.join(dir, modelModuleName(spec.name, 'buggy'));

  const write = (edit: (module: string) => string): void => {
    writeFileSync(path.join(dir, 'DaxVocabulary.tla'), vocabularyModule());
    for (const [name, text] of emitSpec(spec)) writeFileSync(path.join(dir, name), name === `${spec.name}.tla` ? edit(text) : text);
  };

  it('TLC prints each thread by name at its label in the seed counterexample', { timeout: 300_000 }, async (ctx) => {
    if (!(await tlcAvailability()).available) return ctx.skip();
    const described = await describeTlcJar();
    if (described.kind === 'ok' && !described.jar.alias) {
      console.warn(`ALIAS test skipped: ${described.jar.version} is a TLC 1.7, which has no ALIAS (tools/tlc.sh runs it without)`);
      return ctx.skip();
    }
    write((m) => m);
    const run = await runTlc(`${base}.tla`, `${base}.cfg`, { fastStart: true });
    expect(run.kind).toBe('ran');
    if (run.kind !== 'ran') return;
    expect(run.output).toContain('threads = <<"pte_fault(1) at dax_unlock_entry", "pmd_fault(0) at schedule">>');
    expect(run.result.trace?.states.length).toBe(4);
  });

  // A negative pfn is a record TLC can compare (a value of another kind
  // would stop TLC with an evaluation error before TypeOK could say no).
  it('TLC reports TypeOK violated when a variable leaves its type', { timeout: 300_000 }, async (ctx) => {
    if (!(await tlcAvailability()).available) return ctx.skip();
    const bad = '[order |-> 0, locked |-> FALSE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> -1]';
    write((m) => {
      const edited = m.replace('/\\ xa = [i \\in 0 .. NrIndices - 1 |-> Null]', `/\\ xa = [i \\in 0 .. NrIndices - 1 |-> ${bad}]`);
      expect(edited).not.toBe(m);
      return edited;
    });
    const run = await runTlc(`${base}.tla`, `${base}.cfg`, { fastStart: true });
    expect(run.kind).toBe('ran');
    if (run.kind !== 'ran') return;
    expect(run.output).toMatch(/Invariant TypeOK is violated/);
  });
});
