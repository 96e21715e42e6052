/**
 * Every emitted module parses with the official TLA+ grammar, and the files
 * committed under tla/ are exactly what `npm run emit` writes now.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitSpec, vocabularyModule } from '../../src/emit/index.js';
import { checkTlaSyntax } from '../../src/emit/tla-syntax.js';
import { loadSpec, specFiles } from '../helpers/specs.js';

const TLA_DIR = 'tla';

describe.each(specFiles())('%s', (file) => {
  const files = emitSpec(loadSpec(file));

  it.each([...files.keys()].filter((n) => n.endsWith('.tla')))('%s parses with tree-sitter-tlaplus', async (name) => {
    expect(await checkTlaSyntax(files.get(name)!)).toEqual([]);
  });

  it.each([...files.keys()])('tla/%s is up to date (run npm run emit)', (name) => {
    const committed = path.join(TLA_DIR, name);
    expect(existsSync(committed), `${committed} is missing: run npm run emit`).toBe(true);
    expect(readFileSync(committed, 'utf8')).toBe(files.get(name));
  });

  it('declares one action per labelled step, named after the thread and label', () => {
    const spec = loadSpec(file);
    const module = files.get(`${spec.name}.tla`)!;
    for (const t of spec.threads) {
      for (const s of t.steps) expect(module).toContain(`\n${t.name}_${s.label}(self) ==\n`);
    }
  });
});

describe('tla/', () => {
  it('holds no generated file that no spec generates any more', () => {
    const expected = new Set(['DaxVocabulary.tla']);
    for (const file of specFiles()) for (const name of emitSpec(loadSpec(file)).keys()) expected.add(name);
    const stale = readdirSync(TLA_DIR).filter((f) => !expected.has(f));
    expect(stale).toEqual([]);
  });

  it('DaxVocabulary.tla parses', async () => {
    expect(await checkTlaSyntax(vocabularyModule())).toEqual([]);
  });

  it('a broken module is flagged (the check can fail)', async () => {
    const broken = emitSpec(loadSpec(specFiles()[0]!)).values().next().value!.replace('Init ==', 'Init =');
    expect((await checkTlaSyntax(broken)).length).toBeGreaterThan(0);
  });
});
