/**
 * The daxspec command: a thin client of the library — parse arguments, call
 * parse / check / emit / tlc, render, and choose the exit code.
 */
import { parseArgs, USAGE } from './args.js';
import { runCheck } from './check-command.js';
import { SpecError, formatSpecError, specErrorToJson } from '../model/errors.js';

export async function main(argv: string[]): Promise<number> {
  let json = argv.includes('--json');
  try {
    const args = parseArgs(argv);
    json = args.json;
    switch (args.command) {
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case 'check':
        return runCheck(args);
      case 'emit': {
        const { runEmit } = await import('./emit-command.js');
        return await runEmit(args);
      }
      case 'tlc': {
        const { runTlc } = await import('./tlc-command.js');
        return await runTlc(args);
      }
    }
  } catch (err) {
    if (err instanceof SpecError) {
      process.stderr.write(`${formatSpecError(err)}\n`);
      if (json) process.stdout.write(`${JSON.stringify({ error: specErrorToJson(err) })}\n`);
      return 2;
    }
    throw err;
  }
}
