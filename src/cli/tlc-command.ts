/**
 * `daxspec tlc`: emit to a temporary directory, run TLC on each model, and
 * report agreement with the interpreter. Exit statuses: exit-codes.ts.
 * SIGINT / SIGTERM stop TLC (tools/tlc.sh stops java) and remove the
 * temporary directory before daxspec exits; so does every other exit path.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import os from 'node:os';
import path from 'node:path';
import type { CliArgs } from './args.js';
import { selectModels } from './check-command.js';
import { exitCode } from './exit-codes.js';
import { loadSpecReportingWarnings } from './load-spec.js';
import { checkModel } from '../check/check.js';
import { emitSpec, vocabularyModule } from '../emit/index.js';
import { modelModuleName } from '../emit/names.js';
import { formatSeconds } from '../render/text.js';
import { compareWithTlc, type Agreement } from '../tlc/agreement.js';
import { SpecError } from '../model/errors.js';
import { describeTlcJar, runTlc, TLC_SCRIPT, tlcParallelFlags } from '../tlc/run.js';

export function agreementLine(a: Agreement): string {
  const states = (n: number | null): string => (n === null ? '?' : String(n));
  const replay = a.replay === null ? 'no trace' : a.replay.ok ? `trace replayed (${a.replay.steps.length} steps${a.replay.loop ? `, ${a.replay.loop}` : ''})` : 'trace does not replay';
  // TLC stopped with states left to explore: its count is not the state space.
  const left = a.tlc.statesLeftOnQueue;
  const partial = left !== null && left > 0 ? ` (stopped with ${left} on its queue: not compared)` : '';
  return `${a.agrees ? 'agree   ' : 'DISAGREE'} ${a.model}: interpreter ${a.interpreter.verdict}, ${a.interpreter.distinctStates} states, ${formatSeconds(a.interpreter.seconds)}`
    + ` | TLC ${a.tlc.verdict}, ${states(a.tlc.distinctStates)} states${partial}, ${formatSeconds(a.tlc.seconds)} | ${replay}`;
}

/** Until disposed, SIGINT and SIGTERM abort `controller` instead of killing the process outright. */
function interceptSignals(controller: AbortController): { received: () => NodeJS.Signals | null; dispose: () => void } {
  let received: NodeJS.Signals | null = null;
  const on = (signal: NodeJS.Signals): void => {
    received ??= signal;
    controller.abort();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, on);
  return { received: () => received, dispose: () => signals.forEach((s) => process.off(s, on)) };
}

export async function runTlcCommand(args: CliArgs): Promise<number> {
  if (args.files[0]!.endsWith('.tla')) return runTlcOnModule(args.files[0]!, tlcParallelFlags(args.workers, args.distributed));
  const spec = await loadSpecReportingWarnings(args.files[0]!);
  const models = selectModels(spec, args.models, args.variants);
  process.stdout.write(`${spec.file}: ${spec.name}, ${models.length} model(s)\n`);
  // Java and the jar first: a missing or unusable one is said before any work (and may be downloaded here).
  const described = await describeTlcJar();
  if (described.kind === 'unavailable') {
    process.stderr.write(`${described.reason}\n`);
    return exitCode('tlcUnavailable');
  }
  const { jar } = described;
  process.stdout.write(`TLC: ${jar.jar} (TLC ${jar.version}, SHA-256 ${jar.sha256})\n`);
  const distributed = args.distributed;
  if (distributed !== null) {
    process.stdout.write(`TLC's distributed mode: a server on ${distributed.host ?? '127.0.0.1'} and ${distributed.localWorkers} local worker process(es)`
      + `${distributed.localWorkers === 0 ? ' (start the workers elsewhere: see the README)' : ''}; it checks no temporal property\n`);
  }

  const controller = new AbortController();
  const signals = interceptSignals(controller);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-tlc-'));
  try {
    writeFileSync(path.join(dir, 'DaxVocabulary.tla'), vocabularyModule());
    for (const [name, text] of emitSpec(spec)) writeFileSync(path.join(dir, name), text);
    let disagreements = 0;
    for (const model of models) {
      const run = checkModel(spec, model);
      if (signals.received() !== null) break;
      // TLC may take minutes on a large model: say what it is working on.
      if (process.stderr.isTTY) process.stderr.write(`TLC on ${model.name} (${run.result.distinctStates} states in the interpreter)...\r`);
      const base = path.join(dir, modelModuleName(spec.name, model.name));
      const tlcRun = await runTlc(`${base}.tla`, `${base}.cfg`, { workers: args.workers, ...(distributed !== null ? { distributed } : {}), cancel: controller.signal });
      if (process.stderr.isTTY) process.stderr.write('\x1b[K');
      switch (tlcRun.kind) {
        case 'cancelled':
          break;
        case 'unavailable':
          process.stderr.write(`${tlcRun.reason}\n`);
          return exitCode('tlcUnavailable');
        case 'killed':
          process.stderr.write(`daxspec tlc: TLC was killed by ${tlcRun.signal} after ${formatSeconds(tlcRun.seconds)} on model ${model.name}, before a verdict; `
            + 'nothing is known about this model from TLC (out of memory? stopped by someone?)\n');
          return exitCode('tlcFailed');
        case 'failed':
          process.stderr.write(`daxspec tlc: TLC stopped on model ${model.name} with exit status ${tlcRun.exitCode} and no verdict: ${tlcRun.reason}\n`
            + `  its last lines:\n${tlcRun.output.trim().split('\n').slice(-5).map((l) => `    ${l}`).join('\n')}\n`);
          return exitCode('tlcFailed');
        case 'ran': {
          const agreement = compareWithTlc(run, tlcRun.result, tlcRun.seconds, { temporal: distributed === null });
          process.stdout.write(`${agreementLine(agreement)}\n`);
          for (const d of [...agreement.differences, ...agreement.notes]) process.stdout.write(`    ${d}\n`);
          if (!agreement.agrees) disagreements++;
          break;
        }
      }
      if (signals.received() !== null) break;
    }
    const signal = signals.received();
    if (signal !== null) {
      process.stderr.write(`daxspec tlc: stopped by ${signal}; TLC stopped and its files removed\n`);
      return 128 + os.constants.signals[signal];
    }
    process.stdout.write(disagreements === 0 ? `interpreter and TLC agree on all ${models.length} model(s)\n` : `${disagreements} of ${models.length} model(s) disagree\n`);
    return exitCode(disagreements === 0 ? 'ok' : 'wrongVerdict');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    signals.dispose();
  }
}

/** `daxspec tlc MC_x.tla`: TLC alone on an emitted module, its output and status as they are. */
async function runTlcOnModule(moduleFile: string, parallelFlags: string[]): Promise<number> {
  if (!existsSync(moduleFile)) throw new SpecError('DSX007', `no such TLA+ module: ${moduleFile}`, null, 'emit it first: daxspec emit <spec.ts> (writes tla/MC_<Module>_<model>.tla)');
  const controller = new AbortController();
  const signals = interceptSignals(controller);
  try {
    const run = await execa(TLC_SCRIPT, [...parallelFlags, moduleFile], { reject: false, stdio: 'inherit', cancelSignal: controller.signal, killSignal: 'SIGTERM', forceKillAfterDelay: 10_000 });
    const signal = signals.received();
    if (signal !== null) return 128 + os.constants.signals[signal];
    return run.exitCode ?? exitCode('tlcFailed');
  } finally {
    signals.dispose();
  }
}
