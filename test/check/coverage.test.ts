/** Coverage and vacuity warnings: steps from the state graph, branch arms as the compiled steps record them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { coverageOf, coverageWarnings, groupedWarnings, untestedVariantWarnings, type Coverage } from '../../src/check/coverage.js';
import { runDaxspec } from '../../src/vitest/run-cli.js';
import { loadSpec } from '../helpers/specs.js';

const seed = loadSpec('spec/dax-pmd-wakeup.ts');
const run = (name: string, branchCounts = false) => checkModel(seed, seed.models.find((m) => m.name === name)!, { branchCounts });
const coverage = (r: ReturnType<typeof run>): Coverage => coverageOf(r.graph, r.branches);

const FIXTURE = 'test/fixtures/specs/coverage.ts';
const fixture = loadSpec(FIXTURE);
const runFixture = (name: string, branchCounts = true) => checkModel(fixture, fixture.models.find((m) => m.name === name)!, { branchCounts });

/** The line of a source file that starts (after indentation) with `text`, so the tests name an if, not a line number. */
function lineOf(file: string, text: string): number {
  const at = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.trim().startsWith(text));
  if (at < 0) throw new Error(`${file}: no line ${text}`);
  return at + 1;
}

/** The if at `text` in step `step`: transitions through [then, else]. */
function arms(c: Coverage, step: string, file: string, text: string): [number | null, number | null] {
  const line = lineOf(file, text);
  const b = c.branches.find((x) => `${x.thread}.${x.label}` === step && x.loc.file === file && x.loc.line === line);
  if (b === undefined) throw new Error(`no if at ${file}:${line} in ${step}`);
  return [b.then, b.else];
}

describe('coverageOf', () => {
  it('counts the transitions of each step in the seed: a PMD fault that falls back never sleeps', () => {
    const r = run('conflict-fallback-v5.4');
    const { graph } = r;
    const c = coverage(r);
    const count = (s: string) => c.steps.find((x) => `${x.thread}.${x.label}` === s)!.transitions;
    // Every transition is one step's: the counts add up to the graph's.
    expect(c.steps.reduce((n, s) => n + s.transitions, 0)).toBe(graph.transitions);
    expect(count('pmd_fault.schedule')).toBe(0);
    expect(count('pte_fault.schedule')).toBeGreaterThan(0);
    expect(c.neverAsleep).toEqual(['pmd_fault(0)']);
    const warnings = coverageWarnings(c, true);
    expect(warnings[0]).toBe('step pmd_fault.schedule is never enabled');
    expect(warnings.at(-1)).toBe('NoLostWakeup holds vacuously for pmd_fault(0): it never sleeps');
  });

  it('does not call a property vacuous for a thread that does sleep', () => {
    const c = coverage(run('pmd-aligned-keys'));
    expect(c.neverAsleep).not.toContain('pmd_fault(0)');
    expect(coverageWarnings(c, true).some((w) => w.includes('vacuously for pmd_fault(0)'))).toBe(false);
  });
});

describe('branch coverage', () => {
  it('counts the transitions through each arm: two bumpers, one through each arm of the same if', () => {
    const c = coverageOf(runFixture('fixed').graph, runFixture('fixed').branches);
    expect(arms(c, 'bumper.bump', FIXTURE, 'if (k.count === 0)')).toEqual([2, 2]);
    expect(arms(c, 'bumper.pass', FIXTURE, 'if (k.count === 5)')).toEqual([0, 4]);
  });

  it('records nothing for a run of a step that blocks at an await after the if', () => {
    // bumper.pass takes the else arm of if (k.gate) whenever it is tried before the gate opens, then blocks.
    const c = coverageOf(runFixture('fixed').graph, runFixture('fixed').branches);
    expect(arms(c, 'bumper.pass', FIXTURE, 'if (k.gate)')).toEqual([4, 0]);
  });

  it('in the seed, the arms of a step\'s top-level if add up to the step\'s transitions, and the counts agree with the taken bits kept without --coverage', () => {
    const counted = coverage(run('pmd-aligned-keys', true));
    const step = counted.steps.find((s) => `${s.thread}.${s.label}` === 'pmd_fault.grab_mapping_entry')!;
    const [then, other] = arms(counted, 'pmd_fault.grab_mapping_entry', 'spec/dax-pmd-wakeup.ts', "if (k.variant === 'conflict-fallback-v5.4'");
    expect(then! + other!).toBe(step.transitions);
    const [locked, unlocked] = arms(counted, 'pmd_fault.grab_mapping_entry', 'spec/dax-pmd-wakeup.ts', 'if (entry !== null && entry.locked)');
    expect(locked).toBeGreaterThan(0);
    expect(unlocked).toBeGreaterThan(0);
    const plain = coverage(run('pmd-aligned-keys'));
    expect(plain.branches.map((b) => [b.then, b.else])).toEqual(plain.branches.map(() => [null, null]));
    expect(plain.branches.map((b) => [b.thenTaken, b.elseTaken])).toEqual(counted.branches.map((b) => [b.then! > 0, b.else! > 0]));
  });

  it('warns of an arm of a test on the state never taken, once per line; not of a test the model fixes (the variant, a parameter)', () => {
    const warnings = coverageWarnings(coverage(run('pmd-aligned-keys')), true);
    const branchWarnings = warnings.filter((w) => w.includes('branch'));
    expect(branchWarnings).toContain(`the else branch of the if at spec/dax-pmd-wakeup.ts:${lineOf('spec/dax-pmd-wakeup.ts', 'if (entry === null)')}:7 (pmd_fault.grab_mapping_entry) is never taken`);
    // k.variant === 'conflict-fallback-v5.4' && ...: never true in this variant, by design.
    expect(branchWarnings.some((w) => w.includes(`:${lineOf('spec/dax-pmd-wakeup.ts', "if (k.variant === 'conflict-fallback-v5.4'")}:`))).toBe(false);
    expect(new Set(branchWarnings).size).toBe(branchWarnings.length);
  });

  it('warns of a variant that holds while its own branch never ran, not of one whose branch ran, nor of one that fails', () => {
    const runs = ['fixed', 'unreached', 'reached'].map((v) => {
      const r = runFixture(v, false);
      return { variant: v, holds: r.result.verdict.kind === 'holds', record: r.branches };
    });
    const at = `${FIXTURE}:${lineOf(FIXTURE, "if (k.variant === 'unreached'")}:7`;
    expect(untestedVariantWarnings(runs)).toEqual([`variant unreached holds in its 1 model(s), but its own branch at ${at} never ran in them: the check says nothing about that change`]);
    expect(untestedVariantWarnings(runs.map((r) => (r.variant === 'unreached' ? { ...r, holds: false } : r)))).toEqual([]);
    // The per-model warning leaves that line to the variant warning.
    expect(coverageWarnings(coverageOf(runFixture('unreached').graph, runFixture('unreached').branches), true).some((w) => w.includes(at))).toBe(false);
  });

  it('groups the same warning of several models into one line', () => {
    expect(groupedWarnings([{ model: 'a', warnings: ['w', 'x'] }, { model: 'b', warnings: ['w'] }])).toEqual(['a, b: w', 'a: x']);
    const many = ['a', 'b', 'c', 'd', 'e'].map((model) => ({ model, warnings: ['w'] }));
    expect(groupedWarnings(many)).toEqual(['a, b, c and 2 more: w']);
  });

  it('leaves the mutants spec without a variant warning: no-key-filter is not caught, but its mutated line runs', async () => {
    const r = await runDaxspec(['check', 'spec/dax-mutants.ts', '--variant', 'no-key-filter', '--model', 'no-key-filter-invalidate', '--model', 'no-key-filter-pmd-pte']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).not.toContain('variant no-key-filter');
  });
});

describe('daxspec check --coverage', () => {
  it('prints the counts under the model and the warnings on stderr', async () => {
    const r = await runDaxspec(['check', 'spec/dax-pmd-wakeup.ts', '--model', 'conflict-fallback-v5.4', '--coverage']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^ {6}pmd_fault\.schedule +0 {2}never enabled$/m);
    expect(r.stderr).toContain('warning: conflict-fallback-v5.4: NoLostWakeup holds vacuously for pmd_fault(0): it never sleeps');
  });

  it('prints each if under its step with the transitions through then / else, 0! where a test on the state never went', async () => {
    const r = await runDaxspec(['check', FIXTURE, '--model', 'fixed', '--coverage']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^ {8} +2 / 2 +${FIXTURE}:${lineOf(FIXTURE, 'if (k.count === 0)')}  if \\(k\\.count === 0\\) \\{$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^ +0! / 4 +${FIXTURE}:${lineOf(FIXTURE, 'if (k.count === 5)')} `, 'm'));
    // Never true in this variant by design: 0, not 0!.
    expect(r.stdout).toMatch(new RegExp(`^ +0 / 4 +${FIXTURE}:${lineOf(FIXTURE, "if (k.variant === 'unreached'")} `, 'm'));
    expect(r.stderr).toContain(`warning: fixed: the then branch of the if at ${FIXTURE}:${lineOf(FIXTURE, 'if (k.count === 5)')}:7 (bumper.pass) is never taken`);
  });

  it('--json gives the steps and each if with its arms', async () => {
    const r = await runDaxspec(['check', FIXTURE, '--model', 'fixed', '--coverage', '--json']);
    const json = JSON.parse(r.stdout) as { coverage: { steps: { thread: string; label: string; transitions: number }[]; branches: { thread: string; label: string; at: string; then: number; else: number; constant: boolean }[] }; warnings: string[] };
    expect(json.coverage.steps).toContainEqual({ thread: 'bumper', label: 'bump', transitions: 4 });
    expect(json.coverage.branches).toContainEqual({ thread: 'bumper', label: 'bump', at: `${FIXTURE}:${lineOf(FIXTURE, 'if (k.count === 0)')}:7`, then: 2, else: 2, constant: false });
    expect(json.warnings).toContain(`the then branch of the if at ${FIXTURE}:${lineOf(FIXTURE, 'if (k.count === 5)')}:7 (bumper.pass) is never taken`);
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
