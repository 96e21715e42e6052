/**
 * daxspec replay and daxspec/vitest's expectTrace: a reported race pinned as
 * a test. The seed's race ends with the PMD fault asleep forever; a step
 * that cannot run is named with the reason; the helper fails on a wrong end.
 */
import { describe, expect, it } from 'vitest';
import { expectTrace } from '../../src/vitest/index.js';
import { runDaxspec } from '../../src/vitest/run-cli.js';

const SEED = 'spec/dax-pmd-wakeup.ts';
const RACE = ['pte_fault(1).grab_mapping_entry', 'pmd_fault(0).grab_mapping_entry', 'pte_fault(1).dax_unlock_entry'];

describe('expectTrace', () => {
  it('pins the seed race: the PTE owner wakes key 1, the PMD fault sleeps forever on key 0', async () => {
    const r = await expectTrace(SEED, 'buggy', RACE).toEndWith({ asleepForever: ['pmd_fault(0)'], asleep: [], invariant: null, deadlock: true });
    expect(r.ran).toBe(3);
    expect(r.end.asleepForever).toEqual([{ thread: 'pmd_fault(0)', key: 0 }]);
  });

  it('with the fix, the same opening ends with nobody asleep (the PMD fault falls back)', async () => {
    await expectTrace('spec/dax-pmd-wakeup.ts', 'conflict-fallback-v5.4', RACE).toEndWith({ asleepForever: [], asleep: [], deadlock: false });
  });

  it('a sleeper that a continuation can still wake is not asleep forever', async () => {
    // buggy-masked: a PTE fault at index 0 has not run yet; its unlock wakes key 0.
    await expectTrace(SEED, 'buggy-masked', RACE).toEndWith({ asleepForever: [], asleep: ['pmd_fault(0)'] });
  });

  it('fails when the run ends otherwise (the helper can fail)', async () => {
    await expect(expectTrace(SEED, 'buggy', RACE).toEndWith({ asleepForever: [] })).rejects.toThrow(/asleep forever/);
    await expect(expectTrace(SEED, 'buggy', [...RACE.slice(0, 2), 'pmd_fault(0).schedule']).toEndWith({})).rejects.toThrow(/could not run/);
  });

  it('says which step could not run, and why', async () => {
    const r = await expectTrace(SEED, 'buggy', [...RACE.slice(0, 2), 'pmd_fault(0).schedule']).toEndWith({ stoppedAt: 3 });
    expect(r.stopped!.reason).toMatch(/pmd_fault\(0\)\.schedule is not enabled.*asleep/);
  });
});

describe('daxspec replay', () => {
  it('prints the trace table and the end, exit 0; exit 1 when a step cannot run; 2 on an unknown thread', async () => {
    const ok = await runDaxspec(['replay', SEED, '--model', 'buggy', '--steps', RACE.join(', ')]);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('wake one on key 1: nobody');
    expect(ok.stdout).toContain('at the end: pmd_fault(0) sleeps forever on key 0: no continuation wakes it');
    const stuck = await runDaxspec(['replay', SEED, '--model', 'buggy', '--steps', 'pte_fault(1).dax_unlock_entry']);
    expect(stuck.exitCode).toBe(1);
    expect(stuck.stdout).toContain('step 1 (pte_fault(1).dax_unlock_entry) could not run: pte_fault(1) is at grab_mapping_entry, not dax_unlock_entry');
    const bad = await runDaxspec(['replay', SEED, '--model', 'buggy', '--steps', 'pte_fault(2).grab_mapping_entry']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/DSX006.*pte_fault\(2\)/);
    expect(bad.stderr).toContain('pte_fault(1), pmd_fault(0)');
  });
});
