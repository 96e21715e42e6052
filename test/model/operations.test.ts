/**
 * The operation table is the one declaration of each vocabulary operation:
 * the DSL's hand-written Kernel type (src/dsl/index.ts) must declare every
 * row with the same parameters, every row must have hand-worked cases, and
 * tla/DaxVocabulary.tla must be what the table generates.
 */
import { readFileSync } from 'node:fs';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { vocabularyModule } from '../../src/emit/index.js';
import { orderedDefinitions } from '../../src/emit/vocabulary-module.js';
import { OPERATIONS } from '../../src/model/operations.js';

function kernelMembers(): Map<string, string[]> {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const file = project.addSourceFileAtPath('src/dsl/index.ts');
  const kernel = file.getTypeAliasOrThrow('Kernel');
  const members = new Map<string, string[]>();
  for (const node of kernel.getDescendants()) {
    if (node.getKindName() !== 'MethodSignature') continue;
    const sig = node as import('ts-morph').MethodSignature;
    members.set(sig.getName(), sig.getParameters().map((p) => p.getName()));
  }
  return members;
}

describe('operation table', () => {
  const members = kernelMembers();

  it.each(OPERATIONS.map((op) => [op.name, op] as const))('k.%s is declared in src/dsl with the same parameters', (_, op) => {
    expect(members.get(op.name), `add ${op.name}(...) to the Kernel type in src/dsl/index.ts`).toEqual(op.params.map((p) => p.name));
  });

  it('every Kernel method is a table row or a built-in (await, BUG_ON, makeEntry, schedule)', () => {
    const rows = new Set(OPERATIONS.map((op) => op.name));
    const extra = [...members.keys()].filter((m) => !rows.has(m) && !['await', 'BUG_ON', 'makeEntry', 'schedule'].includes(m));
    expect(extra).toEqual([]);
  });

  it.each(OPERATIONS.map((op) => [op.name, op] as const))('k.%s has hand-worked cases and a defined TLA+ operator', (_, op) => {
    expect(op.cases.length).toBeGreaterThan(0);
    if (op.operator !== null) expect(orderedDefinitions().flatMap((d) => d.defines)).toContain(op.operator);
  });

  it('tla/DaxVocabulary.tla is what the table generates (run npm run emit)', () => {
    expect(readFileSync('tla/DaxVocabulary.tla', 'utf8')).toBe(vocabularyModule());
  });
});
