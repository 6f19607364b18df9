// Runtime: every package the lockfile installs accepts the Node.js this machine runs (20 here;
// the image runs a current LTS), so `npm ci` installs without an EBADENGINE warning. Two
// dependencies are pinned by `overrides` in package.json to their previous major, the same code
// as CommonJS for Node 18+: content-disposition 2.0.1 (3.0.0, under @fastify/static, is the
// ESM build of it and declares Node >= 22) and cookie 1.1.1 (2.x, under light-my-request, is the
// ESM build with a stricter encoder, also Node >= 22). Both are used through the API they share.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../fixtures/committed-data.js';

interface LockEntry {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | readonly string[];
  readonly dev?: boolean;
}
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; overrides: Record<string, Record<string, string>> };

describe('Node.js versions', () => {
  it(`every locked package accepts the running Node.js (${process.version})`, () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.engines !== undefined && !Array.isArray(entry.engines) && typeof (entry.engines as { node?: string }).node === 'string')
      .filter(([, entry]) => !semver.satisfies(process.version, (entry.engines as { node: string }).node, { includePrerelease: true }))
      .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${(entry.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('the running Node.js is one package.json accepts', () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });

  it('installs the overridden versions, and they work as their dependants use them', () => {
    expect(pkg.overrides).toEqual({ '@fastify/static': { 'content-disposition': '2.0.1' }, 'light-my-request': { cookie: '1.1.1' } });
    expect(lock.packages['node_modules/@fastify/static/node_modules/content-disposition']?.version).toBe('2.0.1');
    expect(lock.packages['node_modules/light-my-request/node_modules/cookie']?.version).toBe('1.1.1');
    // Loaded the way their dependants load them (require, from the dependant's own folder).
    const fromRoot = createRequire(join(ROOT, 'package.json'));
    const fromStatic = createRequire(fromRoot.resolve('@fastify/static'));
    const { create } = fromStatic('content-disposition') as { create: (name: string) => string };
    expect(create('mesoquote scenarios.csv')).toBe('attachment; filename="mesoquote scenarios.csv"');
    const fromInject = createRequire(createRequire(fromRoot.resolve('fastify')).resolve('light-my-request'));
    const { stringifySetCookie } = fromInject('cookie') as { stringifySetCookie: (c: { name: string; value: string }) => string };
    expect(stringifySetCookie({ name: 'a', value: 'b c' })).toBe('a=b%20c');
  });
});
