/** Counterexamples as Mermaid sequence diagrams. */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { explainTrace } from '../../src/check/explain.js';
import { parseSpecFile } from '../../src/parse/spec.js';
import { mermaidText, sequenceDiagram } from '../../src/render/diagram.js';

function diagramOf(file: string, modelName: string): string {
  const spec = parseSpecFile(file);
  const model = spec.models.find((m) => m.name === modelName)!;
  const { result, machine } = checkModel(spec, model);
  return sequenceDiagram(explainTrace(machine, result.trace!), model.threads.map((t) => t.name));
}

describe('sequenceDiagram', () => {
  it('draws the seed bug: the PMD fault sleeps on key 0, the PTE owner wakes key 1, nobody wakes the PMD fault', () => {
    expect(diagramOf('spec/dax-pmd-wakeup.ts', 'buggy').split('\n')).toEqual([
      'sequenceDiagram',
      '  autonumber',
      '  participant T1 as pte_fault(1)',
      '  participant T2 as pmd_fault(0)',
      '  participant XA as XArray',
      '  participant WQ as wait queues',
      '  T1->>XA: grab_mapping_entry<br/>xa[1] := PTE locked empty',
      '  T2->>WQ: grab_mapping_entry<br/>sleep on key 0 (exclusive)',
      '  T1->>XA: dax_unlock_entry<br/>xa[1] := PTE<br/>wake one on key 1: nobody',
      '  Note over T2: asleep forever on key 0',
      '  Note over T1,T2: then no thread can move',
    ]);
  });

  it('keeps instance suffixes: # is written as an entity code, so three invalidations are three participants', () => {
    const text = diagramOf('spec/dax-invalidate-wakeup.ts', 'buggy');
    expect(text).toContain('as dax_invalidate_mapping_entry_sync(0)#35;2');
    expect(text).toContain('as dax_invalidate_mapping_entry_sync(0)#35;3');
    expect(mermaidText('a#2; <b>')).toBe('a#35;2#59; #60;b#62;');
    // Nothing left that Mermaid would read as an entity or a statement end.
    for (const line of text.split('\n')) expect(line.replace(/#\d+;/g, '')).not.toMatch(/[#;]/);
  });

  it('numbers the steps as the text table does: autonumber, one arrow per step', () => {
    const spec = parseSpecFile('spec/dax-downgrade-writeback.ts');
    const model = spec.models.find((m) => m.name === 'downgrade-wakes-one-downgrade-waiters')!;
    const { result, machine } = checkModel(spec, model);
    const explained = explainTrace(machine, result.trace!);
    const lines = sequenceDiagram(explained, model.threads.map((t) => t.name)).split('\n');
    expect(lines[1]).toBe('  autonumber');
    const arrows = lines.filter((l) => /^\s+T\d+(->>|-x)/.test(l));
    expect(arrows).toHaveLength(explained.steps.length);
    // Arrow n is step n of the table: same thread and label.
    explained.steps.forEach((s, i) => expect(arrows[i]).toContain(`: ${mermaidText(s.label)}`));
  });

  it('ends a deadlock with a note saying so', () => {
    const spec = parseSpecFile('spec/dax-lock-mapping-entry.ts');
    const model = spec.models.find((m) => m.name === 'retry-holding-lock-a')!;
    const { result, machine } = checkModel(spec, model);
    const text = sequenceDiagram(explainTrace(machine, result.trace!), model.threads.map((t) => t.name), { deadlock: true });
    expect(text.split('\n').at(-1)).toMatch(/^  Note over T1,T\d: deadlock: nothing can move \(memory_failure_dev_pagemap\(0,1\) at dax_lock_mapping_entry/);
  });

  it('boxes the loop of a lasso', () => {
    const lines = diagramOf('test/fixtures/specs/sleep.ts', 'livelock').split('\n');
    const start = lines.indexOf('  loop forever');
    expect(start).toBeGreaterThan(0);
    expect(lines[lines.length - 1]).toBe('  end');
    // Everything inside the box is indented under it.
    for (const l of lines.slice(start + 1, -1)) expect(l.startsWith('    ')).toBe(true);
  });
});
