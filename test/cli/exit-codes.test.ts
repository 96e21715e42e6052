/**
 * One exit-code table: the README quotes it and --help prints it, word for word.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandUsage, USAGE } from '../../src/cli/args.js';
import { EXIT_CODES, exitCodeTableMarkdown, exitCodeTableText } from '../../src/cli/exit-codes.js';

describe('exit codes', () => {
  it('the README has the table as the code has it', () => {
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain(exitCodeTableMarkdown());
  });

  it('--help and every command --help print it', () => {
    for (const text of [USAGE, commandUsage('check'), commandUsage('emit'), commandUsage('tlc')]) expect(text).toContain(exitCodeTableText());
  });

  it('no two meanings share a code', () => {
    const codes = Object.values(EXIT_CODES).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
