/** daxspec simulate: seeded random walks under the same properties. */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/check/simulate.js';
import { replaySteps } from '../../src/check/replay.js';
import { runDaxspec } from '../../src/vitest/run-cli.js';
import { loadSpec } from '../helpers/specs.js';

const seed = loadSpec('spec/dax-pmd-wakeup.ts');
const model = (name: string) => seed.models.find((m) => m.name === name)!;

describe('simulate', () => {
  it('finds the seed bug in buggy-6 and its walk replays; the same seed gives the same walk', () => {
    const a = simulate(seed, model('buggy-6'), { seed: 7, depth: 60, runs: 200 });
    expect(a.verdict).toMatchObject({ kind: 'violated', property: 'NoLostWakeup' });
    expect(replaySteps(a.machine, a.trace!.steps).kind).toBe('ok');
    const b = simulate(seed, model('buggy-6'), { seed: 7, depth: 60, runs: 200 });
    expect(b.trace!.steps).toEqual(a.trace!.steps);
    expect(b.walks).toBe(a.walks);
  });

  it('finds nothing in a fixed model, and says how much it saw', () => {
    const r = simulate(seed, model('conflict-fallback-v5.4-6'), { seed: 7, depth: 60, runs: 100 });
    expect(r.verdict).toEqual({ kind: 'holds' });
    expect(r.walks).toBe(100);
    expect(r.distinctStates).toBeGreaterThan(1);
    expect(r.maxDepth).toBeGreaterThan(0);
  });
});

describe('daxspec simulate', () => {
  it('prints the summary and the violating walk; exit 0 when the outcome is the expected one', async () => {
    const r = await runDaxspec(['simulate', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy', '--seed', '2', '--runs', '50']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^buggy: violates NoLostWakeup \(pmd_fault\(0\)\) in walk \d+ \(seed 2, depth 100\); \d+ distinct states seen/);
    expect(r.stdout).toContain('then pmd_fault(0) can never be woken');
  });
});
