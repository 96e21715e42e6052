/**
 * The one error type for a user's mistake (a bad spec, bad arguments): a code,
 * a message, where (file:line:col), and what to write instead. Internal
 * invariant failures are plain `Error`s: they are bugs, not user errors.
 */
import type { SourceLoc } from './ir.js';

export type ErrorCode =
  | 'DSX001' // type error reported by TypeScript
  | 'DSX002' // construct outside the supported subset
  | 'DSX003' // unknown name
  | 'DSX004' // bad model configuration
  | 'DSX005' // a step failed at run time (e.g. a null entry dereferenced)
  | 'DSX006' // bad command-line usage
  | 'DSX007' // spec file not found / unreadable / not a regular file
  | 'DSX008'; // output file or directory cannot be written

export class SpecError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly loc: SourceLoc | null,
    readonly hint: string | null = null,
  ) {
    super(message);
    this.name = 'SpecError';
  }
}

/** `file:line:col: error DSX002: message` plus an indented hint line. */
export function formatSpecError(err: SpecError): string {
  const where = err.loc ? `${err.loc.file}:${err.loc.line}:${err.loc.col}: ` : '';
  const hint = err.hint ? `\n  hint: ${err.hint}` : '';
  return `${where}error ${err.code}: ${err.message}${hint}`;
}

export function specErrorToJson(err: SpecError): { code: string; message: string; loc: SourceLoc | null; hint: string | null } {
  return { code: err.code, message: err.message, loc: err.loc, hint: err.hint };
}
