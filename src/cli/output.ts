/**
 * What happens when stdout cannot be written: a reader that went away (EPIPE,
 * `daxspec check ... | head -1`) ends the run quietly; any other failure
 * (ENOSPC on a full disk, EIO) is one line on stderr. Never a stack trace.
 */
import { exitCode } from './exit-codes.js';

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  EBADF: 'stdout is closed',
};

let guarded = false;

/** Installs the handlers once per process (main may run several times in one process, in tests). */
export function guardOutput(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', onStdoutError);
}

function onStdoutError(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(exitCode('pipeClosed'));
  const reason = (err.code && REASONS[err.code]) ?? err.message;
  try {
    process.stderr.write(`daxspec: cannot write the output: ${reason}${err.code ? ` (${err.code})` : ''}\n`);
  } finally {
    process.exit(exitCode('writeFailed'));
  }
}
