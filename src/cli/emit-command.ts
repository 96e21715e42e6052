/**
 * `daxspec emit`: writes each spec's TLA+ files (and the vocabulary module) to --out.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CliArgs } from './args.js';
import { exitCode } from './exit-codes.js';
import { prepareOutputDir, writeOutputFile } from './output-dir.js';
import { emitSpec, vocabularyModule } from '../emit/index.js';
import { loadSpecReportingWarnings } from './load-spec.js';

export async function runEmit(args: CliArgs): Promise<number> {
  // Parse every spec first: a bad spec leaves nothing half written.
  const specs: { file: string; spec: Awaited<ReturnType<typeof loadSpecReportingWarnings>> }[] = [];
  for (const file of args.files) specs.push({ file, spec: await loadSpecReportingWarnings(file) });
  prepareOutputDir(args.out);
  const vocabulary = path.join(args.out, 'DaxVocabulary.tla');
  if (!existsSync(vocabulary) || readFileSync(vocabulary, 'utf8') !== vocabularyModule()) writeOutputFile(vocabulary, vocabularyModule());
  for (const { file, spec } of specs) {
    for (const [name, text] of emitSpec(spec)) writeOutputFile(path.join(args.out, name), text);
    process.stdout.write(`${file}: ${spec.name}.tla and ${spec.models.length} model(s) (MC_*.tla + .cfg) in ${args.out}/\n`);
  }
  return exitCode('ok');
}
