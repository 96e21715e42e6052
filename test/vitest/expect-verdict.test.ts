/** daxspec/vitest's expectVerdict: passes on the verdict the checker computes, fails on any other. */
import { describe, expect, it } from 'vitest';
import { expectVerdict } from '../../src/vitest/index.js';

describe('expectVerdict', () => {
  it('passes when the model gets that verdict, and resolves with the result', async () => {
    const result = await expectVerdict('spec/dax-pmd-wakeup.ts', 'buggy', 'violates NoLostWakeup');
    expect(result.thread).toBe('pmd_fault(0)');
    expect(result.distinctStates).toBe(12);
    await expectVerdict('spec/dax-pmd-wakeup.ts', 'conflict-fallback-v5.4', 'holds');
  });

  it('fails when it does not (the helper can fail)', async () => {
    await expect(expectVerdict('spec/dax-pmd-wakeup.ts', 'buggy', 'holds')).rejects.toThrow(/verdict of spec\/dax-pmd-wakeup.ts --model buggy/);
  });

  it('throws daxspec\'s message on a model that does not exist', async () => {
    await expect(expectVerdict('spec/dax-pmd-wakeup.ts', 'no-such-model', 'holds')).rejects.toThrow(/DSX006.*no-such-model/);
  });
});
