/**
 * A spec as every command reads it: through the parse cache, with its
 * warnings on stderr.
 */
import type { SpecModel } from '../model/ir.js';
import { formatSpecWarning, specWarnings } from '../model/warnings.js';
import { loadSpec } from '../parse/cached.js';

export async function loadSpecReportingWarnings(file: string): Promise<SpecModel> {
  const { spec } = await loadSpec(file);
  for (const w of specWarnings(spec)) process.stderr.write(`${formatSpecWarning(w)}\n`);
  return spec;
}
