/**
 * How `daxspec tlc` reads and compares TLC's verdicts, on recorded TLC
 * outputs (test/fixtures/tlc): no TLC needed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeTlcOutcome } from '../../src/tlc/agreement.js';
import { parseTlcOutput } from '../../src/tlc/parse-output.js';

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
