/**
 * `daxspec emit`: writes each spec's TLA+ files (and the vocabulary module) to --out.
 */
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CliArgs } from './args.js';
import { emitSpec, vocabularyModule } from '../emit/index.js';
import { parseSpecFile } from '../parse/spec.js';

export async function runEmit(args: CliArgs): Promise<number> {
  mkdirSync(args.out, { recursive: true });
  const vocabulary = path.join(args.out, 'DaxVocabulary.tla');
  if (!existsSync(vocabulary) || readFileSync(vocabulary, 'utf8') !== vocabularyModule()) writeFileSync(vocabulary, vocabularyModule());
  for (const file of args.files) {
    const spec = parseSpecFile(file);
    const files = emitSpec(spec);
    for (const [name, text] of files) writeFileSync(path.join(args.out, name), text);
    process.stdout.write(`${file}: ${spec.name}.tla and ${spec.models.length} model(s) (MC_*.tla + .cfg) in ${args.out}/\n`);
  }
  return 0;
}
