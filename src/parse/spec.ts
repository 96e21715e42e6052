/**
 * Reads a spec file (ts-morph) into the one model representation, SpecModel.
 * Everything downstream — checker, emitter, renderers — reads that, never the
 * source.
 */
import type { CallExpression, Expression, FunctionDeclaration, ObjectLiteralExpression, Statement, Type } from 'ts-morph';
import { Node } from './ts-morph.js';
import { bugSitesOf } from '../model/layout.js';
import { SpecError } from '../model/errors.js';
import type { Expectation, Expr, GlobalDef, HelperFn, InvariantDef, LocalDef, ModelConfig, ParamValue, SourceLoc, SpecModel, StepDef, Stmt, ThreadDef, ThreadInstanceDef, ValueType } from '../model/ir.js';
import { DONE_LABEL } from '../model/ir.js';
import { OPERATIONS } from '../model/operations.js';
import { loc as scopeLoc, lowerExpr, unsupported } from './lower-expr.js';
import { Fields, literalOf } from './literal.js';
import { checkInitialMarks, parseInitialState } from './initial-state.js';
import { checkMacroBody, lowerStepBody } from './lower-stmt.js';
import { sleepStep, sleepStepsOf } from './sleep-steps.js';
import { checkExpectations } from './expectations.js';
import { rejectUnsupportedSignature } from './signature.js';
import { TlaNameTable } from './tla-names.js';
import { reservedModuleName } from '../emit/names.js';
import { collectDeclarations, docOf } from './declarations.js';
import { displayPath, openSpec, locOf, type SpecProject } from './source.js';
import type { HelperInfo, Scope, SpecContext, ThreadContext } from './scope.js';

/** Kernel members whose use makes a helper a macro (it reads or changes the shared state). */
const STATEFUL_KERNEL_MEMBERS = new Set([
  ...OPERATIONS.filter((op) => op.form !== 'expr' || op.reads.length > 0 || op.moves !== undefined).map((op) => op.name),
  'await', 'BUG_ON',
]);

export function parseSpecFile(file: string, options: { project?: SpecProject } = {}): SpecModel {
  const { sourceFile, displayFile } = openSpec(file, options.project);
  const at = (node: Node): SourceLoc => locOf(node, displayFile);

  const { functions, threadDecls, threadLists, specCall, libraries } = collectDeclarations(sourceFile, displayFile);
  if (specCall === null) {
    throw new SpecError('DSX002', 'the spec has no `export default defineSpec({...})`', { file: displayFile, line: 1, col: 1 }, 'end the file with export default defineSpec({ name, variants, threads, models })');
  }
  const specObj = objectArg(specCall, displayFile);
  const name = stringProp(specObj, 'name', displayFile);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
    throw new SpecError('DSX004', `the spec name '${name}' is not a valid TLA+ module name`, at(propOrThrow(specObj, 'name', displayFile)), 'use letters, digits and _ starting with a letter, e.g. DaxPmdWakeup');
  }
  const moduleClash = reservedModuleName(name);
  if (moduleClash !== null) {
    throw new SpecError('DSX004', `the spec name '${name}' ${moduleClash}`, at(propOrThrow(specObj, 'name', displayFile)), `name the module after the spec, e.g. Dax${name}`);
  }
  const tlaNames = new TlaNameTable();
  const variants = stringArrayProp(specObj, 'variants', displayFile);
  if (variants.length === 0) throw new SpecError('DSX004', 'a spec needs at least one variant', at(propOrThrow(specObj, 'variants', displayFile)), "variants: ['buggy', 'fixed']");

  const globals = parseGlobals(specObj, displayFile, tlaNames);
  for (const fn of functions) tlaNames.declare(fn.getName() ?? '', 'helper', at(fn.getNameNode() ?? fn));
  const { infos: helpers, pureInOrder: helperFns } = classifyHelpers(functions, globals, variants, displayFile);
  const spec: SpecContext = { file: displayFile, variants, globals: new Map(globals.map((g) => [g.name, g.type])), helpers, bugSites: new Set() };
  const baseScope = (where: string): Scope => ({ spec, thread: null, kName: null, tName: null, temps: new Map(), taken: new Set(), where, pure: true });

  // A macro is checked on its own too: one that nothing calls must still be legal DSL.
  for (const info of helpers.values()) if (info.pure === null) checkMacroBody(baseScope(`${info.name}()`), info);

  const threadsProp = propOrThrow(specObj, 'threads', displayFile);
  const threadsObj = threadsProp.getInitializer();
  if (!threadsObj || !Node.isObjectLiteralExpression(threadsObj)) throw new SpecError('DSX002', 'threads must be an object literal', at(threadsProp), 'threads: { pte_fault, pmd_fault }');
  const threads: ThreadDef[] = [];
  const paramTypes: ParamTypes = new Map();
  for (const p of threadsObj.getProperties()) {
    const threadName = Node.isShorthandPropertyAssignment(p) || Node.isPropertyAssignment(p) ? p.getName() : null;
    const ref = Node.isShorthandPropertyAssignment(p) ? p.getName() : Node.isPropertyAssignment(p) ? p.getInitializer()?.getText() : undefined;
    const decl = ref !== undefined ? threadDecls.get(ref) : undefined;
    if (threadName === null || decl === undefined) {
      throw new SpecError('DSX003', `'${p.getText()}' does not name a thread(...) declared in this file`, at(p), 'declare const name = thread({...}) above and list it here by name');
    }
    if (threadName !== ref) {
      // Models call the thread by its declaration's name, TLA+ by this key: they must be one name.
      throw new SpecError('DSX002', `the thread ${ref} is listed under another name, '${threadName}'`, at(p), `list it by its own name: threads: { ${ref} } (rename the const to ${threadName} to call it that)`);
    }
    tlaNames.declare(threadName, 'thread', at(p));
    threads.push(parseThread(threadName, decl, spec, baseScope, displayFile, tlaNames, paramTypes));
  }

  const invariants = parseInvariants(specObj, baseScope, displayFile);
  for (const inv of invariants) tlaNames.declare(inv.name, inv.when === 'always' ? 'invariant' : 'final-state property', inv.loc);
  const models = parseModels(specObj, variants, { threads, threadLists, globals }, displayFile);
  // The BUG_ON()s of the threads' steps, macros inlined: one in a macro no step calls is not a site (the interpreter's layout has none).
  const usesBugOn = bugSitesOf({ threads }).length > 0;
  const helpersUsed = usedHelpers(helperFns, [threads, invariants], displayFile);
  const model: SpecModel = {
    name,
    doc: docOfFile(sourceFile.getStatements()),
    file: displayFile,
    libraries: libraries.map((l) => displayPath(l.getFilePath())),
    variants,
    globals,
    helpers: helperFns.filter((h) => helpersUsed.has(h.name)),
    threads,
    invariants,
    models,
    usesBugOn,
  };
  checkExpectations(model);
  checkInitialMarks(model);
  return model;
}

/**
 * The pure helpers the TLA+ module needs: every one the spec file declares,
 * and those of its libraries that something calls — a library for a kernel
 * version declares more than one spec uses.
 */
function usedHelpers(helpers: HelperFn[], roots: unknown[], specFile: string): Set<string> {
  const byName = new Map(helpers.map((h) => [h.name, h]));
  const used = new Set(helpers.filter((h) => h.loc.file === specFile).map((h) => h.name));
  const pending = [...roots, ...helpers.filter((h) => used.has(h.name))];
  // The IR is plain data: every nested { kind: 'call', fn } is a call of a pure helper.
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const rec = node as Record<string, unknown>;
    if (rec.kind === 'call' && typeof rec.fn === 'string' && !used.has(rec.fn)) {
      used.add(rec.fn);
      const callee = byName.get(rec.fn);
      if (callee !== undefined) pending.push(callee);
    }
    Object.values(rec).forEach(visit);
  };
  while (pending.length > 0) visit(pending.pop());
  return used;
}

/** The file's leading doc comment (before the imports). */
function docOfFile(stmts: Statement[]): string {
  const first = stmts[0];
  if (first === undefined) return '';
  const ranges = first.getLeadingCommentRanges();
  const text = ranges.map((r) => r.getText()).find((t) => t.startsWith('/**'));
  if (text === undefined) return '';
  return text.replace(/^\/\*\*/, '').replace(/\*\/$/, '').split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim();
}

function objectArg(call: CallExpression, file: string): ObjectLiteralExpression {
  const arg = call.getArguments()[0];
  if (!arg || !Node.isObjectLiteralExpression(arg)) {
    throw new SpecError('DSX002', `${call.getExpression().getText()}() needs an object literal`, locOf(call, file), `write ${call.getExpression().getText()}({ ... }) with the fields inline`);
  }
  return arg;
}

function propOrThrow(obj: ObjectLiteralExpression, name: string, file: string): import('ts-morph').PropertyAssignment {
  const p = obj.getProperty(name);
  if (!p || !Node.isPropertyAssignment(p)) {
    throw new SpecError('DSX004', `missing '${name}: ...'`, locOf(obj, file), `add ${name}: ... to this object`);
  }
  return p;
}


function stringProp(obj: ObjectLiteralExpression, name: string, file: string): string {
  const p = propOrThrow(obj, name, file);
  const v = literalOf(p.getInitializerOrThrow(), file, name);
  if (typeof v !== 'string') throw new SpecError('DSX004', `'${name}' must be a string`, locOf(p, file), `${name}: 'text'`);
  return v;
}

function stringArrayProp(obj: ObjectLiteralExpression, name: string, file: string): string[] {
  const p = propOrThrow(obj, name, file);
  const v = literalOf(p.getInitializerOrThrow(), file, name);
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new SpecError('DSX004', `'${name}' must be an array of strings`, locOf(p, file), `${name}: ['a', 'b']`);
  return v as string[];
}

/** The model value type of a TypeScript type: Entry-ish → slot, number|null → thread. */
function valueTypeOf(type: Type, node: Node, file: string): ValueType {
  const text = type.getText(node);
  if (type.isBoolean() || type.isBooleanLiteral()) return 'bool';
  // A wake mode is nr_exclusive: WAKE_NEXT = 1, WAKE_ALL = 0.
  if (text === 'WakeMode' || (type.isUnion() && type.getUnionTypes().every((u) => u.isStringLiteral() && ['"next"', '"all"'].includes(u.getText())))) return 'int';
  if (/XaState/.test(text)) return 'xas';
  if (/Entry|Slot|Conflict/.test(text)) return 'slot';
  if (type.isNumber() || type.isNumberLiteral()) return 'int';
  if (type.isUnion() && type.getUnionTypes().every((u) => u.isNull() || u.isNumber() || u.isNumberLiteral())) return 'thread';
  throw new SpecError('DSX002', `values of type '${text}' are not supported`, locOf(node, file), 'use number, boolean, Slot (Entry | null), ThreadId | null, or XaState | null');
}

function parseGlobals(specObj: ObjectLiteralExpression, file: string, tlaNames: TlaNameTable): GlobalDef[] {
  const p = specObj.getProperty('globals');
  if (p === undefined) return [];
  if (!Node.isPropertyAssignment(p)) throw new SpecError('DSX002', 'globals must be an object literal', locOf(p, file), 'globals: { xa_lock: null as ThreadId | null }');
  const obj = p.getInitializerOrThrow();
  if (!Node.isObjectLiteralExpression(obj)) throw new SpecError('DSX002', 'globals must be an object literal', locOf(obj, file), 'globals: { xa_lock: null as ThreadId | null }');
  return obj.getProperties().map((g) => {
    if (!Node.isPropertyAssignment(g)) throw new SpecError('DSX002', 'write each global as name: initial value', locOf(g, file), 'globals: { count: 0 }');
    const init = g.getInitializerOrThrow();
    tlaNames.declare(g.getName(), 'shared variable', locOf(g, file));
    return { name: g.getName(), type: valueTypeOf(init.getType(), init, file), init: initialValue(init, file) };
  });
}

/** An initial value: a literal, null, or an entry made with makeEntry — no state to read yet. */
function initialValue(node: Expression, file: string): Expr {
  const at = locOf(node, file);
  const v = literalOf(node, file, 'an initial value');
  if (typeof v === 'number') return { kind: 'int', value: v, loc: at };
  if (typeof v === 'boolean') return { kind: 'bool', value: v, loc: at };
  if (v === null) return { kind: 'null', loc: at };
  throw new SpecError('DSX002', 'an initial value must be a number, a boolean or null', at, 'e.g. entry: null as Slot, count: 0');
}

/**
 * A helper is a macro when it touches state or calls a macro, else a pure
 * operator. Pure helpers are lowered callees first, so a helper may call one
 * declared further down; `pureInOrder` is that order (TLA+ defines an
 * operator before its use). A helper that calls itself, directly or not, is
 * rejected: TLA+ operators would need RECURSIVE, and a macro would inline forever.
 */
function classifyHelpers(functions: FunctionDeclaration[], globals: GlobalDef[], variants: string[], file: string): { infos: Map<string, HelperInfo>; pureInOrder: HelperFn[] } {
  const globalNames = new Set(globals.map((g) => g.name));
  const infos = new Map<string, HelperInfo>();
  const stateful = new Set<string>();
  const calls = new Map<string, { name: string; node: Node }[]>();
  for (const fn of functions) {
    const name = fn.getName();
    if (name === undefined) throw new SpecError('DSX002', 'a helper function needs a name', locOf(fn, file), 'function dax_entry_waitqueue(...) { ... }');
    rejectUnsupportedSignature(fn, file, `helper ${name}()`);
    const kernelParam = fn.getParameters().findIndex((p) => p.getType().getProperty('findConflict') !== undefined);
    const kName = kernelParam >= 0 ? fn.getParameters()[kernelParam]!.getName() : null;
    const body = fn.getBody();
    let touches = false;
    const called: { name: string; node: Node }[] = [];
    body?.forEachDescendant((d) => {
      if (Node.isPropertyAccessExpression(d) && kName !== null && d.getExpression().getText() === kName) {
        if (STATEFUL_KERNEL_MEMBERS.has(d.getName()) || globalNames.has(d.getName())) touches = true;
      }
      if (Node.isCallExpression(d) && Node.isIdentifier(d.getExpression())) called.push({ name: d.getExpression().getText(), node: d });
      if (Node.isVariableStatement(d)) touches = true; // const inside: needs LETs, so inline it
    });
    const bodyStmts = body && Node.isBlock(body) ? body.getStatements() : [];
    const onlyReturns = bodyStmts.every(function simple(s: Node): boolean {
      if (Node.isReturnStatement(s)) return s.getExpression() !== undefined;
      if (Node.isIfStatement(s)) return [s.getThenStatement(), s.getElseStatement()].every((b) => b === undefined || (Node.isBlock(b) ? b.getStatements().every(simple) : simple(b)));
      return false;
    });
    if (touches || !onlyReturns || fn.getReturnType().isVoid()) stateful.add(name);
    calls.set(name, called);
    infos.set(name, { name, decl: fn, kernelParam, pure: null });
  }
  // Calling a macro makes a helper a macro too.
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, called] of calls) {
      if (!stateful.has(name) && called.some((c) => stateful.has(c.name))) {
        stateful.add(name);
        changed = true;
      }
    }
  }
  const done = new Set<string>();
  const path: { name: string; via: Node | null }[] = [];
  const visit = (name: string, via: Node | null): void => {
    const at = path.findIndex((f) => f.name === name);
    if (at >= 0) {
      const cycle = [...path.slice(at).map((f) => f.name), name];
      throw new SpecError(
        'DSX002',
        cycle.length === 2 ? `${name}() calls itself: a recursive helper is not supported in a spec` : `${cycle.map((c) => `${c}()`).join(' calls ')}: recursive helpers are not supported in a spec`,
        locOf(via!, file),
        'write the cases out with if/else or ?: (the values a model uses are few), or loop with steps that return to a label',
      );
    }
    if (done.has(name)) return;
    path.push({ name, via });
    for (const c of calls.get(name) ?? []) if (infos.has(c.name)) visit(c.name, c.node);
    path.pop();
    done.add(name);
  };
  for (const name of infos.keys()) visit(name, null);
  const spec: SpecContext = { file, variants, globals: new Map(), helpers: infos, bugSites: new Set() };
  // `done` lists every helper after its callees.
  const pureInOrder: HelperFn[] = [];
  for (const name of done) {
    const info = infos.get(name)!;
    if (stateful.has(name)) continue;
    info.pure = lowerPureHelper(info, spec, file);
    pureInOrder.push(info.pure);
  }
  return { infos, pureInOrder };
}

function lowerPureHelper(info: HelperInfo, spec: SpecContext, file: string): HelperFn {
  const fn = info.decl;
  const params = fn.getParameters();
  const scope: Scope = {
    spec,
    thread: null,
    kName: info.kernelParam >= 0 ? params[info.kernelParam]!.getName() : null,
    tName: null,
    temps: new Map(params.filter((_, i) => i !== info.kernelParam).map((p): [string, Expr] => [p.getName(), { kind: 'temp', name: p.getName(), loc: locOf(p, file) }])),
    taken: new Set(params.map((p) => p.getName())),
    where: `${info.name}()`,
    pure: true,
  };
  const toExpr = (stmts: Node[]): Expr => {
    const [first, ...rest] = stmts;
    if (first === undefined) throw unsupported(scope, fn, `a path through ${info.name}() without return`, 'end every path with return value');
    if (Node.isReturnStatement(first)) return lowerExpr(scope, first.getExpressionOrThrow());
    if (Node.isIfStatement(first)) {
      const branch = (b: Statement | undefined): Node[] => (b === undefined ? [] : Node.isBlock(b) ? b.getStatements() : [b]);
      return {
        kind: 'cond',
        test: lowerExpr(scope, first.getExpression()),
        then: toExpr([...branch(first.getThenStatement()), ...rest]),
        else: toExpr([...branch(first.getElseStatement()), ...rest]),
        loc: scopeLoc(scope, first),
      };
    }
    throw unsupported(scope, first, 'this statement in a pure helper', 'a pure helper is if/else and return value');
  };
  const body = fn.getBody();
  if (!body || !Node.isBlock(body)) throw unsupported(scope, fn, 'a helper without a body', 'give it a { ... } body');
  return {
    name: info.name,
    doc: docOf(fn),
    params: params.filter((_, i) => i !== info.kernelParam).map((p) => ({ name: p.getName(), type: valueTypeOf(p.getType(), p, file) })),
    result: valueTypeOf(fn.getReturnType(), fn, file),
    body: toExpr(body.getStatements()),
    loc: locOf(fn, file),
  };
}

function typeName(type: 'int' | 'bool'): string {
  return type === 'bool' ? 'a boolean' : 'a whole number';
}

/** Parameter name → its type and the first thread kind that declares it. */
type ParamTypes = Map<string, { type: 'int' | 'bool'; thread: string }>;

function parseThread(name: string, decl: { call: CallExpression; doc: string; node: Node }, spec: SpecContext, baseScope: (where: string) => Scope, file: string, tlaNames: TlaNameTable, paramTypes: ParamTypes): ThreadDef {
  const obj = objectArg(decl.call, file);
  const paramsObj = propOrThrow(obj, 'params', file).getInitializerOrThrow();
  const localsObj = propOrThrow(obj, 'locals', file).getInitializerOrThrow();
  const stepsObj = propOrThrow(obj, 'steps', file).getInitializerOrThrow();
  if (!Node.isObjectLiteralExpression(paramsObj) || !Node.isObjectLiteralExpression(localsObj) || !Node.isObjectLiteralExpression(stepsObj)) {
    throw new SpecError('DSX002', 'params, locals and steps must be object literals', locOf(decl.call, file), 'thread({ params: { index: 0 }, locals: { entry: null as Slot }, steps: { ... } })');
  }
  const params = paramsObj.getProperties().map((p) => {
    if (!Node.isPropertyAssignment(p)) throw new SpecError('DSX002', 'write each parameter as name: default', locOf(p, file), 'params: { index: 0 }');
    const v = literalOf(p.getInitializerOrThrow(), file, 'a parameter default');
    if (typeof v !== 'boolean' && (typeof v !== 'number' || !Number.isInteger(v))) throw new SpecError('DSX002', 'a parameter is a whole number or a boolean', locOf(p, file), 'params: { index: 0, sync: false }');
    const type = typeof v === 'boolean' ? 'bool' : 'int';
    // One TLA+ constant per parameter name serves every thread kind: one type too.
    const other = paramTypes.get(p.getName());
    if (other !== undefined && other.type !== type) {
      throw new SpecError('DSX004', `parameter '${p.getName()}' is ${typeName(type)} here but ${typeName(other.type)} in thread ${other.thread}`, locOf(p, file), `give it a default of the same type (${other.type === 'bool' ? 'false' : '0'}), or rename one of them`);
    }
    paramTypes.set(p.getName(), { type, thread: name });
    tlaNames.declare(p.getName(), 'parameter', locOf(p, file));
    return { name: p.getName(), type, default: v } as const;
  });
  const locals: LocalDef[] = localsObj.getProperties().map((p) => {
    if (!Node.isPropertyAssignment(p)) throw new SpecError('DSX002', 'write each local as name: initial value', locOf(p, file), 'locals: { entry: null as Slot }');
    const init = p.getInitializerOrThrow();
    tlaNames.declare(p.getName(), 'local', locOf(p, file));
    return { name: p.getName(), type: valueTypeOf(init.getType(), init, file), init: initialValue(init, file) };
  });
  for (const l of locals) {
    if (l.name === 'self' || params.some((p) => p.name === l.name)) throw new SpecError('DSX004', `'${l.name}' is both a parameter and a local (or is 'self')`, locOf(localsObj, file), 'rename the local');
  }
  const stepNodes = stepsObj.getProperties();
  // A quoted step name ('grab-entry'(k, t) {...}) is its text without the quotes.
  const labels = stepNodes.map((s) => {
    if (!Node.isMethodDeclaration(s) && !Node.isPropertyAssignment(s)) return '';
    const nameNode = s.getNameNode();
    return Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode) ? nameNode.getLiteralText() : s.getName();
  });
  if (labels.includes(DONE_LABEL)) throw new SpecError('DSX004', `'${DONE_LABEL}' is reserved for the end of a thread`, locOf(stepsObj, file), 'rename the step');
  stepNodes.forEach((s, i) => tlaNames.declareStep(name, labels[i]!, locOf(s, file)));
  const sleeps = sleepStepsOf(name, stepNodes, labels, file);
  sleeps.forEach((s) => tlaNames.declareStep(name, s.label, s.loc));
  const threadCtx: ThreadContext = {
    name,
    params: new Set(params.map((p) => p.name)),
    locals: new Map(locals.map((l) => [l.name, l.type])),
    labels: [...labels, ...sleeps.map((s) => s.label)],
    sleepSteps: new Map(sleeps.map((s) => [s.target, s.label])),
  };
  const steps: StepDef[] = stepNodes.map((s, i) => {
    let fnParams: import('ts-morph').ParameterDeclaration[];
    let body: Node | undefined;
    if (Node.isMethodDeclaration(s)) {
      fnParams = s.getParameters();
      body = s.getBody();
    } else if (Node.isPropertyAssignment(s) && (Node.isArrowFunction(s.getInitializer()) || Node.isFunctionExpression(s.getInitializer()))) {
      const f = s.getInitializer() as import('ts-morph').ArrowFunction;
      fnParams = f.getParameters();
      body = f.getBody();
    } else {
      throw new SpecError('DSX002', 'a step must be a method: label(k, t) { ... }', locOf(s, file), 'steps: { grab_mapping_entry(k: K, t) { ... } }');
    }
    const label = labels[i]!;
    rejectUnsupportedSignature(Node.isMethodDeclaration(s) ? s : (s.getInitializer() as import('ts-morph').ArrowFunction), file, `step ${name}.${label}`);
    if (!body || !Node.isBlock(body)) throw new SpecError('DSX002', `step ${label} needs a { ... } body`, locOf(s, file), 'write label(k, t) { ... }');
    const scope: Scope = {
      ...baseScope(`${name}.${label}`),
      thread: threadCtx,
      kName: fnParams[0]?.getName() ?? null,
      tName: fnParams[1]?.getName() ?? null,
      pure: false,
    };
    const next = labels[i + 1] ?? DONE_LABEL;
    const stmts: Stmt[] = lowerStepBody(scope, body, next);
    return { label, doc: docOf(s), body: stmts, loc: locOf(s, file) };
  });
  if (steps.length === 0) throw new SpecError('DSX004', `thread ${name} has no steps`, locOf(stepsObj, file), 'add at least one step');
  return { name, doc: decl.doc, params, locals, steps: [...steps, ...sleeps.map(sleepStep)], loc: locOf(decl.node, file) };
}

/**
 * `invariants` hold in every state; `finally` properties only where every
 * thread has returned (a bug that ends in a wrong state rather than a hang).
 */
function parseInvariants(specObj: ObjectLiteralExpression, baseScope: (where: string) => Scope, file: string): InvariantDef[] {
  return (['invariants', 'finally'] as const).flatMap((field) => {
    const what = field === 'invariants' ? 'invariant' : 'final-state property';
    const p = specObj.getProperty(field);
    if (p === undefined) return [];
    const obj = Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
    if (!obj || !Node.isObjectLiteralExpression(obj)) throw new SpecError('DSX002', `${field} must be an object literal`, locOf(p, file), `${field}: { Name: (k) => expression }`);
    return obj.getProperties().map((inv): InvariantDef => {
      const f = Node.isPropertyAssignment(inv) ? inv.getInitializer() : undefined;
      if (!f || !Node.isArrowFunction(f) || Node.isBlock(f.getBody())) {
        throw new SpecError('DSX002', `${field === 'invariants' ? 'an invariant' : 'a final-state property'} is an arrow function with an expression body`, locOf(inv, file), field === 'invariants' ? 'Name: (k) => k.count >= 0' : 'NoEntryLeft: (k) => k.load(0) === null');
      }
      const name = (inv as import('ts-morph').PropertyAssignment).getName();
      rejectUnsupportedSignature(f, file, `${what} ${name}`);
      const scope: Scope = { ...baseScope(`${what} ${name}`), kName: f.getParameters()[0]?.getName() ?? null, pure: false };
      return { name, doc: docOf(inv), when: field === 'invariants' ? 'always' : 'final', body: lowerExpr(scope, f.getBody() as Expression), loc: locOf(inv, file) };
    });
  });
}

/**
 * The instance expressions of a model's `threads`: an array literal whose
 * elements are instances or `...list`, or the name of a top-level list.
 */
function instanceNodes(node: Expression, lists: Map<string, import('ts-morph').ArrayLiteralExpression>, file: string, seen: string[] = []): Expression[] {
  if (Node.isIdentifier(node)) {
    const list = lists.get(node.getText());
    if (list === undefined) throw new SpecError('DSX003', `'${node.getText()}' is not a list of thread instances declared in this file`, locOf(node, file), `declare it at the top level: const ${node.getText()} = [pte_fault({ index: 1 })]`);
    if (seen.includes(node.getText())) throw new SpecError('DSX002', `the thread list '${node.getText()}' contains itself`, locOf(node, file), 'list thread instances');
    return instanceNodes(list, lists, file, [...seen, node.getText()]);
  }
  if (!Node.isArrayLiteralExpression(node)) {
    throw new SpecError('DSX004', 'threads must be an array of thread instances', locOf(node, file), 'threads: [pte_fault({ index: 1 }), pmd_fault({ index: 0 })]');
  }
  return node.getElements().flatMap((el) => (Node.isSpreadElement(el) ? instanceNodes(el.getExpression(), lists, file, seen) : [el]));
}

type ThreadLists = Map<string, import('ts-morph').ArrayLiteralExpression>;

/**
 * The models to check: those declared one by one (`models`) and, for each
 * configuration (`configurations`), one per variant it is checked under,
 * named `<variant>-<configuration>` (just `<variant>` for an unnamed one).
 */
function parseModels(specObj: ObjectLiteralExpression, variants: string[], decls: SettingDecls, file: string): ModelConfig[] {
  const explicit = specObj.getProperty('models');
  const configured = specObj.getProperty('configurations');
  if (explicit === undefined && configured === undefined) {
    throw new SpecError('DSX004', "missing 'configurations: [...]' (or 'models: [...]')", locOf(specObj, file), "configurations: [{ indices: 2, threads: [...], expect: { buggy: { violates: 'NoLostWakeup' } } }]");
  }
  const models: ModelConfig[] = [];
  for (const el of arrayProp(specObj, 'models', file)) models.push(parseModel(el, variants, decls, file));
  const configNames = new Set<string>();
  for (const el of arrayProp(specObj, 'configurations', file)) {
    const configModels = parseConfiguration(el, variants, decls, file);
    const configName = configModels[0]!.configuration!;
    if (configNames.has(configName)) throw new SpecError('DSX004', configName === '' ? 'two configurations have no name' : `two configurations are named '${configName}'`, locOf(el, file), 'give each configuration its own name (one may have none)');
    configNames.add(configName);
    models.push(...configModels);
  }
  // The TLA+ file names keep letters, digits and _ only: v5.2 and v5_2 would collide there.
  const fileNames = new Map<string, ModelConfig>();
  for (const m of models) {
    const fileName = m.name.replace(/[^A-Za-z0-9_]/g, '_');
    const other = fileNames.get(fileName);
    if (other !== undefined) throw new SpecError('DSX004', `two models are named '${m.name}'${other.name === m.name ? '' : ` and '${other.name}'`} (the same up to - . _)`, m.loc, 'give each model (or configuration) its own name');
    fileNames.set(fileName, m);
  }
  return models;
}

function arrayProp(obj: ObjectLiteralExpression, name: string, file: string): ObjectLiteralExpression[] {
  const p = obj.getProperty(name);
  if (p === undefined) return [];
  const arr = Node.isPropertyAssignment(p) ? p.getInitializerOrThrow() : undefined;
  if (arr === undefined || !Node.isArrayLiteralExpression(arr)) throw new SpecError('DSX002', `${name} must be an array literal`, locOf(p, file), `${name}: [{ ... }]`);
  return arr.getElements().map((el) => {
    if (!Node.isObjectLiteralExpression(el)) throw new SpecError('DSX002', `each entry of ${name} is an object literal`, locOf(el, file), "{ indices: 2, threads: [...] }");
    return el;
  });
}


const SETTING_FIELDS = ['doc', 'indices', 'PMD_ORDER', 'buckets', 'threads', 'deadlock', 'termination', 'initial'] as const;

/** What a setting refers to: the spec's threads, its top-level thread lists, its globals. */
interface SettingDecls {
  threads: ThreadDef[];
  threadLists: ThreadLists;
  globals: GlobalDef[];
}

/** What a model and a configuration have in common: the threads and the size of the world. */
type Setting = Pick<ModelConfig, 'doc' | 'indices' | 'pmdOrder' | 'buckets' | 'threads' | 'deadlock' | 'termination' | 'initial' | 'loc'>;

function parseSetting(f: Fields, { threads, threadLists, globals }: SettingDecls): Setting {
  const file = f.file;
  const indices = f.get('indices');
  if (typeof indices !== 'number' || !Number.isInteger(indices) || indices < 1 || indices > 64) f.fail('indices', 'indices must be a whole number from 1 to 64', 'indices: 2');
  const pmdOrder = f.get('PMD_ORDER') ?? 1;
  if (typeof pmdOrder !== 'number' || !Number.isInteger(pmdOrder) || pmdOrder < 1 || pmdOrder > 6) f.fail('PMD_ORDER', 'PMD_ORDER must be a whole number from 1 to 6', 'PMD_ORDER: 1');
  const buckets = f.get('buckets') ?? 1;
  if (typeof buckets !== 'number' || !Number.isInteger(buckets) || buckets < 1 || buckets > 64) f.fail('buckets', 'buckets must be a whole number from 1 to 64', 'buckets: 1');
  const deadlock = f.get('deadlock') ?? false;
  const termination = f.get('termination') ?? true;
  if (typeof deadlock !== 'boolean') f.fail('deadlock', 'deadlock must be true or false', 'deadlock: true');
  if (typeof termination !== 'boolean') f.fail('termination', 'termination must be true or false', 'termination: false');
  const doc = f.get('doc') ?? '';
  const threadsNode = f.node('threads');
  if (!threadsNode) f.fail('threads', 'a model needs its threads', 'threads: [pte_fault({ index: 1 }), pmd_fault({ index: 0 })]');
  const instances = instanceNodes(threadsNode, threadLists, file).map((t) => parseInstance(t, threads, indices, file));
  if (instances.length === 0 || instances.length > 15) f.fail('threads', 'a model has 1 to 15 threads', 'list the thread instances');
  nameInstances(instances);
  const initialNode = f.node('initial');
  const initial = initialNode === undefined ? {} : { initial: parseInitialState(initialNode, { indices, threads: instances.length, globals }, file) };
  return { doc: String(doc), indices, pmdOrder, buckets, threads: instances, deadlock, termination, ...initial, loc: locOf(f.el, file) };
}

const NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

function parseModel(el: ObjectLiteralExpression, variants: string[], decls: SettingDecls, file: string): ModelConfig {
  const f: Fields = new Fields(el, ['name', 'variant', 'expect', ...SETTING_FIELDS], file);
  const name = f.get('name');
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) f.fail('name', 'a model needs a name of letters, digits, -, _ and .', "name: 'buggy-minimal'");
  const variant = f.get('variant');
  if (typeof variant !== 'string' || !variants.includes(variant)) f.fail('variant', `unknown variant '${String(variant)}'`, `one of: ${variants.join(', ')}`, 'DSX003');
  return { name, configuration: null, variant, expect: parseExpectation(f.node('expect'), file), ...parseSetting(f, decls) };
}

/**
 * A configuration: one setting checked under each variant (or those listed
 * in its `variants`), expecting what its `expect` says per variant and
 * 'holds' for a variant it does not name — a new fix is expected to hold.
 */
function parseConfiguration(el: ObjectLiteralExpression, variants: string[], decls: SettingDecls, file: string): ModelConfig[] {
  const f: Fields = new Fields(el, ['name', 'variants', 'expect', ...SETTING_FIELDS], file);
  const name = f.get('name') ?? '';
  if (typeof name !== 'string' || (name !== '' && !NAME_PATTERN.test(name))) f.fail('name', 'a configuration name is made of letters, digits, -, _ and .', "name: 'two-ranges'");
  const checked: unknown = f.get('variants') ?? variants;
  if (!Array.isArray(checked) || checked.length === 0 || !checked.every((v) => typeof v === 'string')) f.fail('variants', 'variants must be a non-empty array of variant names', `variants: ['${variants[0]}']`);
  for (const v of checked) if (!variants.includes(v)) f.fail('variants', `unknown variant '${v}'`, `one of: ${variants.join(', ')}`, 'DSX003');
  const expect = new Map<string, Expectation>();
  const expectNode = f.node('expect');
  if (expectNode !== undefined) {
    if (!Node.isObjectLiteralExpression(expectNode)) return f.fail('expect', 'a configuration expects a verdict per variant', "expect: { buggy: { violates: 'NoLostWakeup' } } (a variant not named must hold)");
    for (const prop of expectNode.getProperties()) {
      if (!Node.isPropertyAssignment(prop)) throw new SpecError('DSX002', 'write each expectation as variant: verdict', locOf(prop, file), "buggy: { violates: 'NoLostWakeup' }");
      const variant = Node.isStringLiteral(prop.getNameNode()) ? (prop.getNameNode() as import('ts-morph').StringLiteral).getLiteralText() : prop.getName();
      if (!checked.includes(variant)) throw new SpecError('DSX003', `'${variant}' is not a variant this configuration is checked under`, locOf(prop, file), `one of: ${checked.join(', ')}`);
      expect.set(variant, parseExpectation(prop.getInitializerOrThrow(), file));
    }
  }
  const setting = parseSetting(f, decls);
  return checked.map((variant) => ({
    name: name === '' ? variant : `${variant}-${name}`,
    configuration: name,
    variant,
    expect: expect.get(variant) ?? { kind: 'holds' },
    ...setting,
  }));
}

function parseExpectation(node: Expression | undefined, file: string): Expectation {
  if (node === undefined) return { kind: 'holds' };
  if (Node.isStringLiteral(node) && node.getLiteralText() === 'holds') return { kind: 'holds' };
  if (Node.isObjectLiteralExpression(node)) {
    const v = node.getProperty('violates');
    const init = v && Node.isPropertyAssignment(v) ? v.getInitializer() : undefined;
    if (init && Node.isStringLiteral(init)) return { kind: 'violates', property: init.getLiteralText() };
  }
  throw new SpecError('DSX004', 'expect must be \'holds\' or { violates: \'Property\' }', locOf(node, file), "expect: { violates: 'NoLostWakeup' }");
}

function parseInstance(node: Expression, threads: ThreadDef[], indices: number, file: string): ThreadInstanceDef {
  if (!Node.isCallExpression(node)) throw new SpecError('DSX002', 'a thread instance is a call of a declared thread', locOf(node, file), 'pte_fault({ index: 1 })');
  const ref = node.getExpression().getText();
  const def = threads.find((t) => t.name === ref);
  if (def === undefined) throw new SpecError('DSX003', `unknown thread '${ref}'`, locOf(node.getExpression(), file), `list it in defineSpec({ threads: { ${ref} } }); known: ${threads.map((t) => t.name).join(', ')}`);
  const arg = node.getArguments()[0];
  const params: Record<string, ParamValue> = Object.fromEntries(def.params.map((p) => [p.name, p.default]));
  if (arg !== undefined) {
    if (!Node.isObjectLiteralExpression(arg)) throw new SpecError('DSX002', 'thread parameters are an object literal', locOf(arg, file), `${ref}({ index: 1 })`);
    for (const prop of arg.getProperties()) {
      if (!Node.isPropertyAssignment(prop)) {
        const spread = Node.isSpreadAssignment(prop);
        throw new SpecError('DSX002', spread ? 'a spread (...) in thread parameters is not supported' : 'write parameters as name: value', locOf(prop, file), `write each parameter out: ${ref}({ ${def.params.map((p) => `${p.name}: ${p.default}`).join(', ')} })`);
      }
      const pname = prop.getName();
      if (!(pname in params)) throw new SpecError('DSX003', `thread ${ref} has no parameter '${pname}'`, locOf(prop, file), `its parameters: ${def.params.map((p) => p.name).join(', ') || '(none)'}`);
      const v = literalOf(prop.getInitializerOrThrow(), file, 'a thread parameter');
      const type = def.params.find((p) => p.name === pname)!.type;
      if (type === 'bool' && typeof v !== 'boolean') throw new SpecError('DSX004', `${pname} is a boolean parameter of thread ${ref}, not ${JSON.stringify(v)}`, locOf(prop, file), `write ${pname}: true or ${pname}: false`);
      if (type === 'int' && (typeof v !== 'number' || !Number.isInteger(v))) throw new SpecError('DSX004', `a thread parameter is a whole number, not ${JSON.stringify(v)}`, locOf(prop, file), `e.g. ${pname}: ${typeof v === 'number' ? Math.trunc(v) : 0}`);
      if (pname === 'index' && typeof v === 'number' && (v < 0 || v >= indices)) throw new SpecError('DSX004', `index ${v} is outside the model's indices 0..${indices - 1}`, locOf(prop, file), `raise indices to ${v + 1} or use a smaller index`);
      params[pname] = v as ParamValue;
    }
  }
  return { name: '', thread: def.name, params };
}

/** Names like `pte_fault(1)`, with `#2` for a second identical instance. */
function nameInstances(instances: ThreadInstanceDef[]): void {
  const seen = new Map<string, number>();
  for (const inst of instances) {
    const base = `${inst.thread}(${Object.values(inst.params).join(',')})`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    inst.name = n === 1 ? base : `${base}#${n}`;
  }
}
