/**
 * Opens a spec file with ts-morph and turns TypeScript's own diagnostics into
 * SpecErrors, so a type error in a spec is reported like every other mistake.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from 'ts-morph';
import { Node, Project, ts } from './ts-morph.js';
import { SpecError } from '../model/errors.js';
import type { SourceLoc } from '../model/ir.js';
import { assertSpecFile } from './spec-file.js';

/**
 * Where `node` starts, as file:line:col: in the spec file, with its path as
 * the user gave it (`displayFile`); in a library the spec imports, with that
 * file's path relative to the working directory.
 */
export function locOf(node: Node, displayFile: string): SourceLoc {
  const sf = node.getSourceFile();
  const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
  const file = sf.getFilePath() === path.resolve(displayFile) ? displayFile : displayPath(sf.getFilePath());
  return { file, line, col: column };
}

/** A path as messages show it: relative to the working directory. */
export function displayPath(absolute: string): string {
  return path.relative(process.cwd(), absolute) || absolute;
}

export interface OpenedSpec {
  sourceFile: SourceFile;
  displayFile: string;
}

/**
 * The DSL declarations of the daxspec that is running: src/dsl/index.ts in a
 * checkout, dist/dsl/index.d.ts when installed. A spec's `import ... from
 * 'daxspec'` is type-checked against these, wherever the spec lives (even
 * outside any project that has daxspec in node_modules).
 */
const DSL_DECLARATIONS = ['../dsl/index.ts', '../dsl/index.d.ts']
  .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
  .find((file) => existsSync(file))!;

/** The only library a spec sees (see the file): src/parse/spec-lib.d.ts, copied beside this module by the build. */
const SPEC_LIB = fileURLToPath(new URL('./spec-lib.d.ts', import.meta.url));

function newSpecProject(): Project {
  const project = new Project({
    compilerOptions: {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      noLib: true,
      paths: { daxspec: [DSL_DECLARATIONS] },
    },
  });
  project.addSourceFileAtPath(SPEC_LIB);
  return project;
}

/**
 * A TypeScript project kept between parses, for a process that reads many
 * specs (the fuzzer): the standard library's declarations and src/dsl are
 * read and bound once instead of per spec (about 0.5 s instead of 5 s per
 * spec on a loaded machine). Files a spec imports are not re-read: do not
 * use it while editing them.
 */
export class SpecProject {
  readonly project = newSpecProject();
  last: SourceFile | null = null;
}

/** Type errors a spec author meets often, and what to write instead; the first match wins. */
const TYPE_ERROR_HINTS: { when: RegExp; hint: (m: RegExpExecArray) => string }[] = [
  { when: /Promise</, hint: () => 'a step is synchronous: remove async (a step waits with k.await(condition))' },
  { when: /reduced to 'never' because property '(\w+)' has conflicting types/, hint: (m) => `Kernel already has a member '${m[1]}': give the shared variable another name` },
  { when: /missing the following properties from type 'Entry'/, hint: () => 'make an entry with k.makeEntry({ order, locked, empty }) or copy one with { ...entry, locked: false }' },
  // A spec is checked against src/parse/spec-lib.d.ts: JavaScript's library is not there.
  { when: /Cannot find name '(Math|Number|String|Boolean|Array|Object|JSON|Symbol|BigInt|Date|Error|Set|Map|console|parseInt|isNaN)'|'(\w+)' only refers to a type, but is being used as a value|Property '(\w+)' does not exist on type '(number|string|boolean|[^']*\[\])'/, hint: () => LIBRARY_HINT },
];

const LIBRARY_HINT = 'a spec has no JavaScript library (Math, Number, methods of numbers, strings or arrays): compute with + - * % and comparisons, k.* members and helper functions of the spec';

function typeErrorHint(message: string): string {
  for (const { when, hint } of TYPE_ERROR_HINTS) {
    const m = when.exec(message);
    if (m) return hint(m);
  }
  return 'a spec must type-check against src/dsl; fix the types TypeScript reports';
}

/** Loads `file` and fails with the first TypeScript error it has, if any. */
export function openSpec(file: string, reuse?: SpecProject): OpenedSpec {
  assertSpecFile(file);
  const absolute = path.resolve(file);
  const project = reuse?.project ?? newSpecProject();
  // A reused project forgets the spec it read last, so that only one spec is ever in the program.
  if (reuse?.last && !reuse.last.wasForgotten()) project.removeSourceFile(reuse.last);
  const stale = project.getSourceFile(absolute);
  if (stale) project.removeSourceFile(stale);
  const sourceFile = project.addSourceFileAtPath(absolute);
  if (reuse) reuse.last = sourceFile;
  project.resolveSourceFileDependencies();
  const displayFile = displayPath(absolute);
  // The spec's own errors first, then those of the libraries it imports.
  const libraries = project.getSourceFiles().filter((sf) => sf !== sourceFile && !sf.isInNodeModules() && !sf.isDeclarationFile());
  const diagnostics = [sourceFile, ...libraries].flatMap((sf) => sf.getPreEmitDiagnostics()).filter((d) => d.getCategory() === ts.DiagnosticCategory.Error);
  const first = diagnostics[0];
  if (first) {
    const start = first.getStart() ?? 0;
    const where = first.getSourceFile() ?? sourceFile;
    const { line, column } = where.getLineAndColumnAtPos(start);
    // compilerObject: ts-morph wraps a message chain in an object of its own, which TypeScript cannot flatten.
    const message = ts.flattenDiagnosticMessageText(first.compilerObject.messageText, ' ');
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    // TypeScript numbers its syntax errors 1000-1999.
    const what = first.getCode() < 2000 ? 'syntax error' : 'type error';
    throw new SpecError(
      'DSX001',
      `${what}: ${message}${more}`,
      { file: where === sourceFile ? displayFile : where.getFilePath(), line, col: column },
      what === 'syntax error' ? 'fix the TypeScript syntax at this place' : typeErrorHint(message),
    );
  }
  return { sourceFile, displayFile };
}
