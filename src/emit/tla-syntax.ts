// Syntax check for generated TLA+ module text, using the official tree-sitter
// TLA+ grammar (WASM build), so emitter bugs surface without starting Java/SANY.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import Parser from 'web-tree-sitter';

export interface TlaSyntaxProblem {
  /** 1-based line where an ERROR starts (for a module-wide ERROR: where its well-formed prefix ends), or where a MISSING token was inserted. */
  line: number;
  /** 1-based column, counted in UTF-16 code units like JS string indices. */
  col: number;
  kind: 'error' | 'missing';
  /** For 'error': a short excerpt of the unparsed text; for 'missing': the node type the grammar expected. */
  text: string;
}

const require = createRequire(import.meta.url);

// Resolve through package.json rather than the packages' `main`: the TLA+
// package's main is the native binding, whose install script may never have
// run, and we only want the prebuilt .wasm file that ships beside it.
function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

let parserPromise: Promise<Parser> | undefined;

async function loadParser(): Promise<Parser> {
  const runtimeDir = packageDir('web-tree-sitter');
  // Emscripten finds tree-sitter.wasm via __dirname of tree-sitter.js; point it
  // there explicitly so it still works if a test runner or bundler inlines the module.
  await Parser.init({
    locateFile: (file: string) => path.join(runtimeDir, file),
  });
  // Pass bytes instead of a path: Language.load(path) relies on a CommonJS
  // `require('fs')` inside web-tree-sitter, which we need not depend on.
  const wasm = await readFile(path.join(packageDir('@tlaplus/tree-sitter-tlaplus'), 'tree-sitter-tlaplus.wasm'));
  const language = await Parser.Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

// One parser for the process: init and language load cost tens of ms, and
// parse() is synchronous, so concurrent callers cannot interleave on it.
function getParser(): Promise<Parser> {
  if (!parserPromise) {
    parserPromise = loadParser().catch((err: unknown) => {
      // Do not cache a failure forever; a later call may succeed (e.g. after install).
      parserPromise = undefined;
      throw err;
    });
  }
  return parserPromise;
}

const EXCERPT_MAX = 40;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_MAX ? `${flat.slice(0, EXCERPT_MAX - 1)}…` : flat;
}

// Module-level node types (the grammar's `_unit`, plus EXTENDS and comments).
const UNIT_TYPES = new Set([
  'extends',
  'variable_declaration',
  'constant_declaration',
  'recursive_declaration',
  'use_or_hide',
  'local_definition',
  'operator_definition',
  'function_definition',
  'instance',
  'module_definition',
  'assumption',
  'theorem',
  'module',
  'single_line',
  'header_line',
  'block_comment',
  'comment',
]);

interface Anchor {
  row: number;
  column: number;
  index: number;
}

// When the module cannot be closed (missing `====`, or an unbalanced bracket
// that swallows the rest of the file), tree-sitter wraps the whole module in
// one ERROR starting at line 1, whose children are the header tokens and every
// definition that did parse. Pointing at line 1 is useless, so skip that
// well-formed prefix and report where it stops; if nothing but well-formed
// units remain, the problem is at the end of the input.
function errorAnchor(node: Parser.SyntaxNode): Anchor {
  const kids = node.children;
  let i = 0;
  const isRule = (k: Parser.SyntaxNode | undefined) => k?.type === 'single_line' || k?.type === 'header_line';
  if (isRule(kids[0]) && kids[1]?.type === 'MODULE') {
    i = 2;
    if (kids[i]?.type === 'identifier') i++;
    if (isRule(kids[i])) i++;
  }
  while (i < kids.length && UNIT_TYPES.has(kids[i].type) && !kids[i].hasError) i++;
  if (i === 0) return { ...node.startPosition, index: node.startIndex };
  if (i === kids.length) return { ...node.endPosition, index: node.endIndex };
  return { ...kids[i].startPosition, index: kids[i].startIndex };
}

export async function checkTlaSyntax(moduleText: string): Promise<TlaSyntaxProblem[]> {
  const parser = await getParser();
  const tree = parser.parse(moduleText);
  const problems: TlaSyntaxProblem[] = [];
  // Trees and cursors live in WASM memory, which the JS GC does not reclaim.
  const cursor = tree.walk();
  try {
    // Iterative pre-order walk; deep expressions would risk recursion limits
    // otherwise. hasError is true for any subtree containing an ERROR or
    // MISSING node, so clean subtrees are skipped whole.
    for (;;) {
      const node = cursor.currentNode;
      if (node.isMissing) {
        problems.push({
          line: node.startPosition.row + 1,
          col: node.startPosition.column + 1,
          kind: 'missing',
          text: node.type,
        });
      } else if (node.isError) {
        // Positions and indices from web-tree-sitter count UTF-16 code units,
        // so they index moduleText directly.
        const at = errorAnchor(node);
        const rest = moduleText.slice(at.index, node.endIndex);
        const atEnd = moduleText.slice(at.index).trim() === '';
        problems.push({
          line: at.row + 1,
          col: at.column + 1,
          kind: 'error',
          text: atEnd ? '(end of input)' : excerpt(rest),
        });
      }
      if (node.hasError && cursor.gotoFirstChild()) continue;
      let climbing = true;
      while (climbing && !cursor.gotoNextSibling()) climbing = cursor.gotoParent();
      if (!climbing) break;
    }
  } finally {
    cursor.delete();
    tree.delete();
  }
  // Anchoring can move a wrapping ERROR past nodes nested in it; keep the
  // list in reading order.
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}
