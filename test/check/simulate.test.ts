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

describe('daxspec simulate --json', () => {
  // The keys check --json has for the model, the verdict and the trace (test/cli/cli.test.ts lists them all).
  const SHARED = ['spec', 'model', 'doc', 'configuration', 'variant', 'threads', 'expected', 'verdict', 'property', 'thread', 'threadId', 'reason', 'asExpected', 'distinctStates', 'seconds', 'trace'];
  const WALKS = ['seed', 'runs', 'depthLimit', 'walks', 'longestWalk'];

  it('prints one object: the summary and the violating walk, in check --json\'s terms; the walk is check\'s counterexample here', async () => {
    const r = await runDaxspec(['simulate', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy', '--seed', '2', '--runs', '50', '--json']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]!) as Record<string, unknown> & { trace: { states: unknown[]; steps: { threadId: number; thread: string; label: string }[]; loop: unknown } };
    expect(Object.keys(o).sort()).toEqual([...SHARED, ...WALKS].sort());
    expect(o).toMatchObject({ model: 'buggy', verdict: 'violated', property: 'NoLostWakeup', thread: 'pmd_fault(0)', threadId: 2, asExpected: true, seed: 2, runs: 50, depthLimit: 100, reason: null });
    expect(o.walks).toBeGreaterThanOrEqual(1);
    expect(o.trace.loop).toBeNull();
    const check = JSON.parse((await runDaxspec(['check', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy', '--json'])).stdout) as typeof o;
    for (const k of ['spec', 'model', 'doc', 'configuration', 'variant', 'threads', 'expected', 'property', 'thread', 'threadId']) expect(o[k]).toEqual(check[k]);
    expect(o.trace.steps).toEqual(check.trace.steps);
    expect(o.trace.states).toEqual(check.trace.states);
  });

  it('a model that holds: verdict holds, trace null; exit 1 with asExpected false when a violation was expected and none was found', async () => {
    const ok = await runDaxspec(['simulate', 'spec/dax-pmd-wakeup.ts', '--model', 'conflict-fallback-v5.4', '--runs', '20', '--json']);
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ verdict: 'holds', property: null, asExpected: true, walks: 20, trace: null });
    // One step per walk: the PMD fault never gets to sleep behind the PTE fault's entry.
    const missed = await runDaxspec(['simulate', 'spec/dax-pmd-wakeup.ts', '--model', 'buggy', '--runs', '1', '--depth', '1', '--json']);
    expect(missed.exitCode).toBe(1);
    expect(JSON.parse(missed.stdout)).toMatchObject({ verdict: 'holds', expected: 'violates NoLostWakeup', asExpected: false, walks: 1, longestWalk: 1 });
  });
});

