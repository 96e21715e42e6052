/** Counterexamples as Mermaid sequence diagrams. */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { explainTrace } from '../../src/check/explain.js';
import { parseSpecFile } from '../../src/parse/spec.js';
import { sequenceDiagram } from '../../src/render/diagram.js';

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
      '  participant T1 as pte_fault(1)',
      '  participant T2 as pmd_fault(0)',
      '  participant XA as XArray',
      '  participant WQ as wait queues',
      '  T1->>XA: grab_mapping_entry: xa[1] := PTE locked empty',
      '  T2->>WQ: grab_mapping_entry: sleep on key 0 (exclusive)',
      '  T1->>XA: dax_unlock_entry: xa[1] := PTE',
      '  T1-xWQ: dax_unlock_entry: wake one on key 1: nobody',
      '  Note over T2: asleep forever on key 0',
    ]);
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
