/**
 * How `daxspec tlc` reads and compares TLC's verdicts, on recorded TLC
 * outputs (test/fixtures/tlc): no TLC needed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { parseSpecFile } from '../../src/parse/spec.js';
import { compareWithTlc, describeTlcOutcome } from '../../src/tlc/agreement.js';
import { parseTlcOutput, type TlcResult } from '../../src/tlc/parse-output.js';

const recorded = (name: string) => parseTlcOutput(readFileSync(`test/fixtures/tlc/${name}`, 'utf8'));

describe('describeTlcOutcome', () => {
  it("names SANY's message and where it points, for a parse error whose message follows a blank line", () => {
    expect(describeTlcOutcome(recorded('PrecedenceConflict.out').outcome)).toBe(
      'error: Precedence conflict between ops = in block line 10, col 15 to line 10, col 15 of module PrecedenceConflict and =. (module PrecedenceConflict, line 10, col 15)',
    );
  });

  it('gives an evaluation error with the message framed inside it, on one line', () => {
    expect(describeTlcOutcome(recorded('NestedMessage.out').outcome)).toBe(
      'error: Evaluating assumption line 6, col 8 to line 6, col 18 of module NestedMessage failed. The second argument of % should be a positive number, but instead it is: -3 (module NestedMessage, line 6, col 8)',
    );
  });
});

describe('compareWithTlc on a liveness violation', () => {
  const spec = parseSpecFile('test/fixtures/specs/early-liveness.ts');
  const run = checkModel(spec, spec.models.find((m) => m.name === 'm')!);
  const trace = recorded('LiveLoop.out');
  const tlcSaid = (result: Partial<TlcResult>): TlcResult => ({
    outcome: { kind: 'property', names: ['NoLostWakeup', 'Termination'] },
    statesGenerated: null,
    distinctStates: run.result.distinctStates,
    statesLeftOnQueue: 0,
    depth: null,
    seconds: null,
    trace: null,
    ...result,
  });

  it('reads how many states TLC left on its queue (Deadlock.out stopped with 10)', () => {
    expect(recorded('Deadlock.out').statesLeftOnQueue).toBe(10);
    expect(trace.statesLeftOnQueue).toBe(0);
  });

  it('does not compare a count TLC gave with states still on its queue', () => {
    const partial = compareWithTlc(run, tlcSaid({ distinctStates: 361, statesLeftOnQueue: 147 }), 1);
    expect(partial.statesCompared).toBe(false);
    expect(partial.differences.filter((d) => d.startsWith('distinct states'))).toEqual([]);
    const complete = compareWithTlc(run, tlcSaid({ distinctStates: 361, statesLeftOnQueue: 0 }), 1);
    expect(complete.statesCompared).toBe(true);
    expect(complete.differences).toContain(`distinct states: interpreter ${run.result.distinctStates}, TLC 361`);
  });

  it('names the property TLC found violated: Termination only is a disagreement with NoLostWakeup', () => {
    const other = compareWithTlc(run, tlcSaid({ outcome: { kind: 'property', names: ['Termination'] } }), 1);
    expect(other.differences).toContain('violated property: interpreter NoLostWakeup, TLC Termination');
    expect(other.tlc.verdict).toBe('violates Termination');
    const same = compareWithTlc(run, tlcSaid({}), 1);
    expect(same.differences.filter((d) => d.startsWith('violated property'))).toEqual([]);
  });
});
