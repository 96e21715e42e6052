/**
 * Emits a spec as TLA+: the module, and per model an MC module and a .cfg.
 * Returns file name → text; writing them is the caller's business.
 */
import type { SpecModel } from '../model/ir.js';
import { renderConfig, renderModelModule } from './model-files.js';
import { renderModule } from './module.js';
import { modelModuleName } from './names.js';
import { renderVocabularyModule } from './vocabulary-module.js';

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

/** DaxVocabulary.tla, generated from the operation table; written beside every emitted module. */
export function vocabularyModule(): string {
  return renderVocabularyModule();
}
