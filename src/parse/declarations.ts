/**
 * The top-level declarations a spec can use: those of the spec file and of
 * the libraries it imports (relative imports of other .ts files, e.g.
 * spec/kernel/v5.1.ts), followed transitively. A library holds what a spec
 * holds except defineSpec: helper functions, thread(...) declarations and
 * lists of thread instances, exported for the specs that import them. All
 * of them share one namespace, as they share one TLA+ module.
 *
 * A spec may replace a library's helper or thread for everything the spec
 * uses, the library's own code included, as a patch replaces a kernel
 * function: it declares one of the same name and signature marked
 * `@replaces` in its doc comment. Without the mark, the same name twice is
 * an error, so nothing is replaced by accident.
 */
import path from 'node:path';
import type { ArrayLiteralExpression, CallExpression, FunctionDeclaration, ImportDeclaration, SourceFile, Type } from 'ts-morph';
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
  /**
   * Declares `name`; true when a spec's `@replaces` declaration takes the
   * place of a library's (the caller then drops the library's one).
   */
  const declare = (name: string, node: Node, replaces: boolean): boolean => {
    const first = declared.get(name);
    const where = first === undefined ? null : locOf(first, displayFile);
    if (replaces) {
      if (first === undefined || first.getSourceFile() === sourceFile) {
        throw new SpecError('DSX004', `'${name}' is marked @replaces but no library this spec imports declares it`, locOf(node, displayFile), `drop the @replaces mark, or import the library that declares '${name}'`);
      }
      // Library code calls a helper, so a replacement must fit those calls; threads are only instantiated by the spec.
      if (Node.isFunctionDeclaration(first)) checkSameSignature(name, first, node, displayFile);
      declared.set(name, node);
      return true;
    }
    if (where !== null) {
      const hint = first!.getSourceFile() !== sourceFile && node.getSourceFile() === sourceFile
        ? `to replace the library's '${name}' wherever this spec uses it (the library's own code included), mark this one /** ... @replaces */; otherwise rename it`
        : 'specs and the libraries they import share one namespace: rename one of them';
      throw new SpecError('DSX004', `'${name}' is declared twice (first at ${where.file}:${where.line}:${where.col})`, locOf(node, displayFile), hint);
    }
    declared.set(name, node);
    return false;
  };
  const visit = (sf: SourceFile, isSpec: boolean): void => {
    const at = (node: Node) => locOf(node, displayFile);
    const what = isSpec ? 'a spec file holds imports, types, helper functions, thread(...) declarations and export default defineSpec({...})' : 'a library holds imports, types, helper functions, thread(...) declarations and lists of thread instances';
    // Imports first, wherever they stand, so that a spec's @replaces finds what it replaces.
    const statements = [...sf.getStatements()].sort((a, b) => Number(Node.isImportDeclaration(b)) - Number(Node.isImportDeclaration(a)));
    for (const stmt of statements) {
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
      const replaces = isSpec && hasReplacesTag(stmt);
      if (Node.isFunctionDeclaration(stmt)) {
        const name = stmt.getName();
        if (name === undefined) throw new SpecError('DSX002', 'a helper function needs a name', at(stmt), 'function dax_entry_waitqueue(...) { ... }');
        if (declare(name, stmt, replaces)) decls.functions = decls.functions.filter((f) => f.getName() !== name);
        decls.functions.push(stmt);
        continue;
      }
      if (Node.isVariableStatement(stmt)) {
        for (const decl of stmt.getDeclarations()) {
          const init = decl.getInitializer();
          if (init && Node.isCallExpression(init) && init.getExpression().getText() === 'thread') {
            declare(decl.getName(), decl, replaces);
            decls.threadDecls.set(decl.getName(), { call: init, doc: docOf(stmt), node: decl });
            continue;
          }
          if (init && Node.isArrayLiteralExpression(init)) {
            declare(decl.getName(), decl, false);
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

/** `/** ... @replaces *\/`: this declaration takes the place of a library's one of the same name. */
function hasReplacesTag(node: Node): boolean {
  return Node.isJSDocable(node) && node.getJsDocs().some((d) => d.getTags().some((t) => t.getTagName() === 'replaces'));
}

/**
 * A replacement helper is called by the library's code as the library's own
 * one was, so it takes the same parameters and gives the same result. Kernel
 * parameters match whatever the spec's variant and global types are.
 */
function checkSameSignature(name: string, original: Node, replacement: Node, displayFile: string): void {
  const shape = (node: Node): string[] | null =>
    Node.isFunctionDeclaration(node) ? [...node.getParameters().map((p) => typeKey(p.getType())), `=> ${typeKey(node.getReturnType())}`] : null;
  const want = shape(original);
  const got = shape(replacement);
  if (want === null || got === null || want.join(', ') !== got.join(', ')) {
    const where = locOf(original, displayFile);
    throw new SpecError('DSX004', `'${name}' does not have the signature of the one it replaces (${where.file}:${where.line}:${where.col}): (${want?.join(', ')}) here (${got?.join(', ')})`, locOf(replacement, displayFile), 'a replacement helper takes the same parameters, of the same types, and returns the same type, since the library calls it as its own');
  }
}

/** A type as a signature compares it: a Kernel of any variants and globals is the kernel. */
function typeKey(type: Type): string {
  if (type.getProperty('findConflict') !== undefined && type.getProperty('variant') !== undefined) return 'Kernel';
  return type.getText(undefined, 0).replace(/import\([^)]*\)\./g, '');
}

export function docOf(node: Node): string {
  if (!Node.isJSDocable(node)) return '';
  return node.getJsDocs().map((d) => d.getDescription().trim()).join('\n').trim();
}
