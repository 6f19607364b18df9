// A copy of this checkout in a temporary directory, as a fresh clone would have it after
// `npm ci` (node_modules is shared through a symlink), for tests that build (npm start, npm pack):
// building there never touches the dist/ that other tests may be running from.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../fixtures/committed-data.js';

const COPIED = ['src', 'scripts', 'bin', 'migrations', 'openapi', 'docs', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'LICENSE', 'README.md'];

export interface CheckoutCopy {
  readonly dir: string;
  remove(): void;
}

export function copyCheckout(prefix: string): CheckoutCopy {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const entry of COPIED) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  // The data files themselves (npm pack does not follow a symlinked folder), not data/reference.
  mkdirSync(join(dir, 'data'));
  for (const file of readdirSync(join(ROOT, 'data')).filter((f) => f.endsWith('.json'))) cpSync(join(ROOT, 'data', file), join(dir, 'data', file));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
