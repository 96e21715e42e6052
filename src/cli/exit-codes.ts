/**
 * Every exit status daxspec can end with, in one table: the CLI returns these
 * by name, `--help` prints the table and the README quotes it (a test keeps
 * the README's copy equal to exitCodeTableMarkdown()).
 */

export const EXIT_CODES = {
  ok: { code: 0, meaning: 'every model got its expected verdict (tlc: the interpreter and TLC agree on every model)' },
  wrongVerdict: { code: 1, meaning: 'a model got another verdict than it expects (tlc: a disagreement with TLC)' },
  badInput: { code: 2, meaning: 'bad usage, a bad spec, or a spec file or output directory that cannot be used; the message says where and what to do instead' },
  tlcUnavailable: { code: 3, meaning: 'tlc: java or a usable TLC jar is missing' },
  incomplete: { code: 4, meaning: 'a run stopped (--max-states, --max-memory) before it explored every state, and no model got a wrong verdict' },
  tlcFailed: { code: 5, meaning: 'tlc: TLC was killed or stopped without a verdict' },
  internal: { code: 70, meaning: 'a bug in daxspec (set DAXSPEC_DEBUG=1 for the stack trace)' },
  writeFailed: { code: 74, meaning: 'the output could not be written (e.g. no space left on device)' },
  interrupted: { code: 130, meaning: 'tlc: stopped by SIGINT (143: by SIGTERM), after stopping TLC and removing its temporary files' },
  pipeClosed: { code: 141, meaning: 'the reader of the output went away (e.g. piped into head); nothing more is printed' },
} as const;

export type ExitName = keyof typeof EXIT_CODES;

export function exitCode(name: ExitName): number {
  return EXIT_CODES[name].code;
}

/** The table as `--help` prints it. */
export function exitCodeTableText(): string {
  return Object.values(EXIT_CODES).map((e) => `  ${String(e.code).padStart(3)}  ${e.meaning}`).join('\n');
}

/** The table as the README quotes it. */
export function exitCodeTableMarkdown(): string {
  return ['| exit | meaning |', '| --- | --- |', ...Object.values(EXIT_CODES).map((e) => `| ${e.code} | ${e.meaning} |`)].join('\n');
}
