/** The shipped specs, parsed once per test file. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { SpecModel } from '../../src/model/ir.js';
import { parseSpecFile } from '../../src/parse/spec.js';

export const SPEC_DIR = 'spec';

export function specFiles(): string[] {
  return readdirSync(SPEC_DIR).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(SPEC_DIR, f));
}

const cache = new Map<string, SpecModel>();

export function loadSpec(file: string): SpecModel {
  let spec = cache.get(file);
  if (spec === undefined) {
    spec = parseSpecFile(file);
    cache.set(file, spec);
  }
  return spec;
}

/** `file:line` of a thread's step as the spec declares it, so tests name a step, not a line that an edit moves. */
export function stepAt(file: string, thread: string, label: string): string {
  const loc = loadSpec(file).threads.find((t) => t.name === thread)?.steps.find((s) => s.label === label)?.loc;
  if (loc === undefined) throw new Error(`${file}: no step ${thread}.${label}`);
  return `${loc.file}:${loc.line}`;
}
