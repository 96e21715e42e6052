/** Coverage and vacuity warnings, computed from the state graph. */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { coverageOf, coverageWarnings } from '../../src/check/coverage.js';
import { runDaxspec } from '../../src/vitest/run-cli.js';
import { loadSpec } from '../helpers/specs.js';

const seed = loadSpec('spec/dax-pmd-wakeup.ts');
const run = (name: string) => checkModel(seed, seed.models.find((m) => m.name === name)!);

describe('coverageOf', () => {
  it('counts the transitions of each step in the seed: a PMD fault that falls back never sleeps', () => {
    const { graph } = run('conflict-fallback-v5.4');
    const c = coverageOf(graph);
    const count = (s: string) => c.steps.find((x) => `${x.thread}.${x.label}` === s)!.transitions;
    // Every transition is one step's: the counts add up to the graph's.
    expect(c.steps.reduce((n, s) => n + s.transitions, 0)).toBe(graph.transitions);
    expect(count('pmd_fault.schedule')).toBe(0);
    expect(count('pte_fault.schedule')).toBeGreaterThan(0);
    expect(c.neverAsleep).toEqual(['pmd_fault(0)']);
    expect(coverageWarnings(c, true)).toEqual(['step pmd_fault.schedule is never enabled', 'NoLostWakeup holds vacuously for pmd_fault(0): it never sleeps']);
  });

  it('does not call a property vacuous for a thread that does sleep', () => {
    const c = coverageOf(run('pmd-aligned-keys').graph);
    expect(c.neverAsleep).not.toContain('pmd_fault(0)');
    expect(coverageWarnings(c, true).some((w) => w.includes('vacuously for pmd_fault(0)'))).toBe(false);
  });
});

describe('daxspec check --coverage', () => {
  it('prints the counts under the model and the warnings on stderr', async () => {
    const r = await runDaxspec(['check', 'spec/dax-pmd-wakeup.ts', '--model', 'conflict-fallback-v5.4', '--coverage']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^ {6}pmd_fault\.schedule +0 {2}never enabled$/m);
    expect(r.stderr).toContain('warning: conflict-fallback-v5.4: NoLostWakeup holds vacuously for pmd_fault(0): it never sleeps');
  });
});

describe('wakeWitness', () => {
  it('for the first fix, the run in which the PMD fault sleeps on key 0 and the PTE owner wakes it; replayed, it ends with nobody asleep', async () => {
    const { wakeWitness } = await import('../../src/check/witness.js');
    const { replaySteps } = await import('../../src/check/replay.js');
    const { graph, machine } = run('pmd-aligned-keys');
    const w = wakeWitness(graph)!;
    expect(w.woken).toBe('pmd_fault(0)');
    expect(w.trace.steps.map((s) => `${machine.layout.threads[s.thread]!.name}.${s.label}`)).toEqual(['pte_fault(1).grab_mapping_entry', 'pmd_fault(0).grab_mapping_entry', 'pte_fault(1).dax_unlock_entry']);
    const replay = replaySteps(machine, w.trace.steps);
    expect(replay.kind).toBe('ok');
    expect(machine.vocab.waitingMask(replay.states[2]!)).not.toBe(0);
    expect(machine.vocab.waitingMask(replay.states[3]!)).toBe(0);
  });
});
