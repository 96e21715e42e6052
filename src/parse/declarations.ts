/**
 * The top-level declarations a spec can use: those of the spec file and of
 * the libraries it imports (relative imports of other .ts files, e.g.
 * spec/kernel/v5.1.ts), followed transitively. A library holds what a spec
 * holds except defineSpec: helper functions, thread(...) declarations and
 * lists of thread instances, exported for the specs that import them. All
 * of them share one namespace, as they share one TLA+ module.
 */
import path from 'node:path';
import type { ArrayLiteralExpression, CallExpression, FunctionDeclaration, ImportDeclaration, SourceFile } from 'ts-morph';
import { Node } from './ts-morph.js';
import { SpecError } from '../model/errors.js';
import { locOf } from './source.js';

export interface ThreadDeclNode {
  call: CallExpression;
  doc: string;
  node: Node;
}

export interface Declarations {
  functions: FunctionDeclaration[];
  threadDecls: Map<string, ThreadDeclNode>;
  /** Top-level `const name = [...]`: thread instances shared by several models. */
  threadLists: Map<string, ArrayLiteralExpression>;
  /** The spec file's `export default defineSpec({...})`. */
  specCall: CallExpression | null;
  /** The library files read, in the order first imported. */
  libraries: SourceFile[];
}

/**
 * The library an import brings in, or null for an import of the DSL itself
 * (src/dsl, or the daxspec package) or of anything that is not a relative
 * .ts module.
 */
export function libraryOf(imp: ImportDeclaration): SourceFile | null {
  if (!imp.getModuleSpecifierValue().startsWith('.')) return null;
  const target = imp.getModuleSpecifierSourceFile();
  if (target === undefined) return null;
  const file = target.getFilePath();
  if (file.split(path.sep).join('/').includes('/src/dsl/')) return null;
  return target;
}

export function collectDeclarations(sourceFile: SourceFile, displayFile: string): Declarations {
  const decls: Declarations = { functions: [], threadDecls: new Map(), threadLists: new Map(), specCall: null, libraries: [] };
  /** Where each name was declared, to report a name declared twice. */
  const declared = new Map<string, Node>();
  const declare = (name: string, node: Node): void => {
    const first = declared.get(name);
    if (first !== undefined) {
      const where = locOf(first, displayFile);
      throw new SpecError('DSX004', `'${name}' is declared twice (first at ${where.file}:${where.line}:${where.col})`, locOf(node, displayFile), 'specs and the libraries they import share one namespace: rename one of them');
    }
    declared.set(name, node);
  };
  const visit = (sf: SourceFile, isSpec: boolean): void => {
    const at = (node: Node) => locOf(node, displayFile);
    const what = isSpec ? 'a spec file holds imports, types, helper functions, thread(...) declarations and export default defineSpec({...})' : 'a library holds imports, types, helper functions, thread(...) declarations and lists of thread instances';
    for (const stmt of sf.getStatements()) {
      if (Node.isImportDeclaration(stmt)) {
        const library = libraryOf(stmt);
        if (library === null) continue;
        checkImportForm(stmt, displayFile);
        if (!decls.libraries.includes(library) && library !== sourceFile) {
          decls.libraries.push(library);
          visit(library, false);
        }
        continue;
      }
      if (Node.isTypeAliasDeclaration(stmt) || Node.isInterfaceDeclaration(stmt)) continue;
      if (Node.isFunctionDeclaration(stmt)) {
        const name = stmt.getName();
        if (name === undefined) throw new SpecError('DSX002', 'a helper function needs a name', at(stmt), 'function dax_entry_waitqueue(...) { ... }');
        declare(name, stmt);
        decls.functions.push(stmt);
        continue;
      }
      if (Node.isVariableStatement(stmt)) {
        for (const decl of stmt.getDeclarations()) {
          const init = decl.getInitializer();
          if (init && Node.isCallExpression(init) && init.getExpression().getText() === 'thread') {
            declare(decl.getName(), decl);
            decls.threadDecls.set(decl.getName(), { call: init, doc: docOf(stmt), node: decl });
            continue;
          }
          if (init && Node.isArrayLiteralExpression(init)) {
            declare(decl.getName(), decl);
            decls.threadLists.set(decl.getName(), init);
            continue;
          }
          throw new SpecError('DSX002', `top-level ${stmt.getDeclarationKind()} '${decl.getName()}' is neither a thread(...) declaration nor a list of thread instances`, at(decl), 'at the top level declare threads (const x = thread({...})), lists of thread instances (const report = [x({ index: 1 })]), helper functions, and export default defineSpec({...})');
        }
        continue;
      }
      if (isSpec && Node.isExportAssignment(stmt)) {
        const expr = stmt.getExpression();
        if (Node.isCallExpression(expr) && expr.getExpression().getText() === 'defineSpec') {
          decls.specCall = expr;
          continue;
        }
      }
      throw new SpecError('DSX002', `this top-level statement (${stmt.getKindName()}) is not supported${isSpec ? '' : ' in a library'}`, at(stmt), what);
    }
  };
  visit(sourceFile, true);
  return decls;
}

/** Only `import { a, b } from './lib.js'`: names keep their own name, which is also their TLA+ name. */
function checkImportForm(imp: ImportDeclaration, displayFile: string): void {
  const hint = `import the names you use: import { ${imp.getNamedImports().map((n) => n.getName()).join(', ') || 'dax_unlock_entry'} } from '${imp.getModuleSpecifierValue()}'`;
  if (imp.getDefaultImport() !== undefined || imp.getNamespaceImport() !== undefined) {
    throw new SpecError('DSX002', 'a library is imported by name, not as a default or namespace import', locOf(imp, displayFile), hint);
  }
  for (const named of imp.getNamedImports()) {
    if (named.getAliasNode() !== undefined) {
      throw new SpecError('DSX002', `'${named.getName()}' is imported under another name`, locOf(named, displayFile), `a helper or thread keeps its name in every spec (it is also its TLA+ name): import { ${named.getName()} } and call it so`);
    }
  }
}

export function docOf(node: Node): string {
  if (!Node.isJSDocable(node)) return '';
  return node.getJsDocs().map((d) => d.getDescription().trim()).join('\n').trim();
}
