// The code's shape: no module imports itself through others (type imports included: a cycle of
// types is still two modules that cannot be read one before the other), and the request contract
// sits below the HTTP layer and the command line (which reuses the HTTP layer's problem and
// catalog formats on purpose, so that its output is the API's).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Each module's relative imports and re-exports, as module paths under src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) => normalize(join(dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
    graph.set(relative(SRC, file), targets.map((t) => relative(SRC, t)));
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('finds the modules and their imports (the check below is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('domain/estimate.ts')).toContain('domain/pricing.ts');
  });

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('the test finds a cycle when there is one', () => {
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']], ['c.ts', ['a.ts']]]))).toEqual([['a.ts', 'b.ts']]);
  });

  it('keeps the request contract below the HTTP layer and the command line: the domain and the contract import neither, and the command line takes the contract from src/contract', () => {
    const below = [...graph].filter(([from, to]) => (from.startsWith('contract/') || from.startsWith('domain/')) && to.some((t) => t.startsWith('http/') || t.startsWith('cli/')));
    expect(below.map(([from]) => from)).toEqual([]);
    const viaHttp = [...graph].filter(([from, to]) => from.startsWith('cli/') && to.includes('http/schemas.ts'));
    expect(viaHttp.map(([from]) => from)).toEqual([]);
    expect(graph.get('cli/pricer.ts')).toContain('contract/estimate-request.ts');
  });
});
