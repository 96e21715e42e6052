/**
 * `daxspec tlc`: emit to a temporary directory, run TLC on each model, and
 * report agreement with the interpreter. Exit 0 agreement, 1 disagreement,
 * 3 TLC unavailable.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import os from 'node:os';
import path from 'node:path';
import type { CliArgs } from './args.js';
import { selectModels } from './check-command.js';
import { checkModel } from '../check/check.js';
import { emitSpec, vocabularyModule } from '../emit/index.js';
import { modelModuleName } from '../emit/names.js';
import { SpecError } from '../model/errors.js';
import { loadSpecReportingWarnings } from './load-spec.js';
import { formatSeconds } from '../render/text.js';
import { compareWithTlc, type Agreement } from '../tlc/agreement.js';
import { findTlc, runTlc, TLC_SCRIPT } from '../tlc/run.js';

export const EXIT_TLC_UNAVAILABLE = 3;

export function agreementLine(a: Agreement): string {
  const states = (n: number | null): string => (n === null ? '?' : String(n));
  const replay = a.replay === null ? 'no trace' : a.replay.ok ? `trace replayed (${a.replay.steps.length} steps${a.replay.loop ? `, ${a.replay.loop}` : ''})` : 'trace does not replay';
  // TLC stopped with states left to explore: its count is not the state space.
  const left = a.tlc.statesLeftOnQueue;
  const partial = left !== null && left > 0 ? ` (stopped with ${left} on its queue: not compared)` : '';
  return `${a.agrees ? 'agree   ' : 'DISAGREE'} ${a.model}: interpreter ${a.interpreter.verdict}, ${a.interpreter.distinctStates} states, ${formatSeconds(a.interpreter.seconds)}`
    + ` | TLC ${a.tlc.verdict}, ${states(a.tlc.distinctStates)} states${partial}, ${formatSeconds(a.tlc.seconds)} | ${replay}`;
}

export async function runTlcCommand(args: CliArgs): Promise<number> {
  if (args.files[0]!.endsWith('.tla')) return runTlcOnModule(args.files[0]!, args.workers);
  const spec = await loadSpecReportingWarnings(args.files[0]!);
  const models = selectModels(spec, args.models);
  // No pre-check with --which-jar: the first run lets tools/tlc.sh download the pinned jar.
  process.stdout.write(`${spec.file}: ${spec.name}, ${models.length} model(s)\n`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-tlc-'));
  try {
    writeFileSync(path.join(dir, 'DaxVocabulary.tla'), vocabularyModule());
    for (const [name, text] of emitSpec(spec)) writeFileSync(path.join(dir, name), text);
    let disagreements = 0;
    for (const model of models) {
      const run = checkModel(spec, model);
      // TLC may take minutes on a large model: say what it is working on.
      if (process.stderr.isTTY) process.stderr.write(`TLC on ${model.name} (${run.result.distinctStates} states in the interpreter)...\r`);
      const base = path.join(dir, modelModuleName(spec.name, model.name));
      const tlcRun = await runTlc(`${base}.tla`, `${base}.cfg`, { workers: args.workers });
      if (tlcRun.kind === 'unavailable') {
        process.stderr.write(`${tlcRun.reason}\n`);
        return EXIT_TLC_UNAVAILABLE;
      }
      if (process.stderr.isTTY) process.stderr.write('\x1b[K');
      const agreement = compareWithTlc(run, tlcRun.result, tlcRun.seconds);
      process.stdout.write(`${agreementLine(agreement)}\n`);
      for (const d of agreement.differences) process.stdout.write(`    ${d}\n`);
      if (!agreement.agrees) disagreements++;
    }
    const tlc = await findTlc();
    if (tlc.available) process.stdout.write(`TLC: ${tlc.jar}\n`);
    process.stdout.write(disagreements === 0 ? `interpreter and TLC agree on all ${models.length} model(s)\n` : `${disagreements} of ${models.length} model(s) disagree\n`);
    return disagreements === 0 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `daxspec tlc tla/MC_X.tla`: TLC on one emitted module (with the .cfg beside
 * it), TLC's own output and exit status — what an MC module's "Check it with"
 * line runs, from any project that has daxspec installed.
 */
async function runTlcOnModule(moduleFile: string, workers: number): Promise<number> {
  if (!existsSync(moduleFile)) throw new SpecError('DSX007', `no such TLA+ module: ${moduleFile}`, null, 'emit it first: daxspec emit <spec.ts> (writes tla/MC_<Module>_<model>.tla)');
  const run = await execa(TLC_SCRIPT, ['--workers', String(workers), moduleFile], { reject: false, stdio: 'inherit' });
  return run.exitCode ?? 1;
}
