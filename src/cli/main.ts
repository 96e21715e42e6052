/**
 * The daxspec command: a thin client of the library — parse arguments, call
 * parse / check / emit / tlc, render, and choose the exit code (one table:
 * exit-codes.ts).
 */
import { readFileSync } from 'node:fs';
import { commandUsage, parseArgs, USAGE } from './args.js';
import { runCheck } from './check-command.js';
import { exitCode } from './exit-codes.js';
import { guardOutput } from './output.js';
import { SpecError, formatSpecError, specErrorToJson } from '../model/errors.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[]): Promise<number> {
  guardOutput();
  let json = argv.includes('--json');
  try {
    const args = parseArgs(argv);
    json = args.json;
    switch (args.command) {
      case 'usage':
        process.stderr.write(`daxspec: no command given\n${USAGE}\n`);
        return exitCode('badInput');
      case 'help':
        process.stdout.write(`${args.topic === null ? USAGE : commandUsage(args.topic)}\n`);
        return exitCode('ok');
      case 'version':
        process.stdout.write(`daxspec ${version()}\n`);
        return exitCode('ok');
      case 'check':
        if (args.watch) {
          const { runWatch } = await import('./watch-command.js');
          return await runWatch(args);
        }
        return await runCheck(args);
      case 'emit': {
        const { runEmit } = await import('./emit-command.js');
        return await runEmit(args);
      }
      case 'simulate': {
        const { runSimulate } = await import('./simulate-command.js');
        return await runSimulate(args);
      }
      case 'replay': {
        const { runReplay } = await import('./replay-command.js');
        return await runReplay(args);
      }
      case 'tlc': {
        const { runTlcCommand } = await import('./tlc-command.js');
        return await runTlcCommand(args);
      }
    }
  } catch (err) {
    if (err instanceof SpecError) {
      process.stderr.write(`${formatSpecError(err)}\n`);
      if (json) process.stdout.write(`${JSON.stringify({ error: specErrorToJson(err) })}\n`);
      return exitCode('badInput');
    }
    // Not the user's mistake: a bug in daxspec. Say so plainly; the stack only on request.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`daxspec: internal error: ${message}\n  this is a bug in daxspec; set DAXSPEC_DEBUG=1 for the stack trace\n`);
    if (process.env.DAXSPEC_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return exitCode('internal');
  }
}
