/**
 * Emits a spec as TLA+: the module, and per model an MC module and a .cfg.
 * Returns file name → text; writing them is the caller's business.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SpecModel } from '../model/ir.js';
import { renderConfig, renderModelModule } from './model-files.js';
import { renderModule } from './module.js';
import { modelModuleName } from './names.js';

/** The hand-written vocabulary module, copied beside every emitted module. */
export const VOCABULARY_FILE = fileURLToPath(new URL('../../tla/DaxVocabulary.tla', import.meta.url));

export function emitSpec(spec: SpecModel): Map<string, string> {
  const files = new Map<string, string>();
  files.set(`${spec.name}.tla`, renderModule(spec));
  for (const model of spec.models) {
    const name = modelModuleName(spec.name, model.name);
    files.set(`${name}.tla`, renderModelModule(spec, model));
    files.set(`${name}.cfg`, renderConfig(spec, model));
  }
  return files;
}

export function vocabularyModule(): string {
  return readFileSync(VOCABULARY_FILE, 'utf8');
}
