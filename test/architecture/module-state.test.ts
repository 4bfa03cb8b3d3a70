/**
 * No singletons (issue 18): state lives in instances the composition root creates and hands down
 * (src/main.ts, src/app/compose/), never at a module's top level in a feature, the kernel, the UI
 * kit or the app's context and shell. And screens and controllers receive their services and flow
 * ports (AppServices.flowDeps …): they never construct a service or build flow deps themselves.
 * The checks parse the sources with TypeScript (comments and strings cannot fool them) and are shown
 * to catch a deliberate violation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Where module-level state is forbidden. */
const STATELESS_DIRS = ['src/features', 'src/kernel', 'src/ui', 'src/app/context', 'src/app/shell'];

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

const parse = (file: string, text: string) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

/**
 * Module-level state in `text`: a top-level `let`/`var`, or a top-level constant holding a new
 * object (a WeakMap of instances, a Subject …). An immutable table typed `ReadonlySet`/`ReadonlyMap`
 * (or `Readonly…`) is not state.
 */
export function moduleState(file: string, text: string): string[] {
  const found: string[] = [];
  const sf = parse(file, text);
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const list = st.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const d of list.declarations) {
      const name = d.name.getText(sf);
      const line = sf.getLineAndCharacterOfPosition(d.getStart(sf)).line + 1;
      if (!isConst) {
        found.push(`${file}:${line} module-level \`let ${name}\``);
        continue;
      }
      const init = d.initializer;
      if (!init || !ts.isNewExpression(init)) continue;
      if (d.type && /^Readonly/.test(d.type.getText(sf))) continue;
      found.push(`${file}:${line} module-level \`const ${name} = new ${init.expression.getText(sf)}(…)\``);
    }
  }
  return found;
}

/** A screen, an element or a controller: a lit element or a ReactiveController. */
const isUiFile = (text: string) => /@customElement\(|implements ReactiveController\b/.test(text);
/** Services, adapters and flow machinery a screen receives and never makes. */
const SERVICE_CLASS = /^[A-Z]\w*(Service|Repo|Client|Recorder|Reserve|Store|Journal|Vault|Hub|Announcer|Printer|Scanner|Runtime|Preferences|Signals|Clock)$/;
const SERVICE_FACTORY = /^(create[A-Z]\w*|\w+DepsOf|randomNonce|composeFlows)$/;
/**
 * Known exceptions, each with its reason (a new one needs one too): the camera overlay runs its own
 * camera session while it is open (its detector and stream live and die with the element).
 */
const ALLOWED = new Set(['src/features/devices/camera-view.ts createDetector']);

/** What a screen/controller in `text` constructs or builds that the composition root should hand it. */
export function screenBuilds(file: string, text: string): string[] {
  const found: string[] = [];
  const sf = parse(file, text);
  const visit = (n: ts.Node): void => {
    const line = () => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && SERVICE_CLASS.test(n.expression.text))
      found.push(`${file}:${line()} new ${n.expression.text}(…)`);
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && SERVICE_FACTORY.test(n.expression.text))
      found.push(`${file}:${line()} ${n.expression.text}(…)`);
    if (ts.isFunctionDeclaration(n) && n.name && /DepsOf$/.test(n.name.text)) found.push(`${file}:${line()} function ${n.name.text}`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/**
 * Known module-level state, each with its reason (a new one needs one too): `afterFrame`'s batch is
 * the work queued for the next animation frame, a mirror of the realm's own requestAnimationFrame
 * queue (one per page, like the frame loop it follows); it is empty again after every frame and
 * holds no service or data (issue 21, seventh round: one frame callback for a sale's follow-up work).
 */
const STATE_ALLOWED = new Set(['src/ui/after-paint.ts `let batch`']);

describe('no module-level state (singletons) outside the composition root', () => {
  it('features, kernel, ui and app/{context,shell} hold no state at module level', () => {
    const offenders = STATELESS_DIRS.flatMap(sources)
      .flatMap((f) => moduleState(f, readFileSync(join(root, f), 'utf8')))
      .filter((o) => !STATE_ALLOWED.has(o.replace(/:\d+ module-level /, ' ')));
    expect(offenders).toEqual([]);
  });

  it('the check sees a WeakMap singleton, a module-level Subject and a `let` (and lets immutable tables be)', () => {
    const text = [
      "import { Subject } from 'rxjs';",
      'const instances = new WeakMap<object, number>();',
      'const changed = new Subject<string>();',
      'let started = false;',
      "const KINDS: ReadonlySet<string> = new Set(['a']);",
      'export function f() { let local = 1; const m = new Map(); return local + m.size + (started ? 1 : 0); }',
    ].join('\n');
    expect(moduleState('x.ts', text)).toEqual([
      'x.ts:2 module-level `const instances = new WeakMap(…)`',
      'x.ts:3 module-level `const changed = new Subject(…)`',
      'x.ts:4 module-level `let started`',
    ]);
  });
});

describe('screens and controllers receive their services', () => {
  it('no screen, element or controller in a feature constructs a service or builds flow deps', () => {
    const offenders = sources('src/features').flatMap((f) => {
      const text = readFileSync(join(root, f), 'utf8');
      return isUiFile(text) ? screenBuilds(f, text).filter((x) => !ALLOWED.has(`${f} ${x.replace(/^[^ ]+ (?:new )?(\w+).*$/, '$1')}`)) : [];
    });
    expect(offenders).toEqual([]);
  });

  it('the check sees a controller that builds its deps or makes a repository', () => {
    const text = [
      'export class X implements ReactiveController {',
      '  hostConnected() { const repo = new RefundRepo(db); this.deps = payDepsOf(s, t); const n = randomNonce(32); }',
      '}',
      'export function payDepsOf() { return {}; }',
    ].join('\n');
    expect(isUiFile(text)).toBe(true);
    expect(screenBuilds('x.ts', text)).toEqual(['x.ts:2 new RefundRepo(…)', 'x.ts:2 payDepsOf(…)', 'x.ts:2 randomNonce(…)', 'x.ts:4 function payDepsOf']);
  });
});
