#!/usr/bin/env node
// The `mesoquote` command (package.json "bin"). Runs the compiled CLI in dist/ when it is there
// and up to date; in a checkout where src/ is newer than dist/ (or dist/ was never built, as
// after `npm ci` on a fresh clone) it runs the TypeScript source through tsx instead.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', 'src', 'cli', 'main.js');
const source = join(root, 'src', 'cli', 'main.ts');

/** The newest modification time of any file under dir. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const useBuilt = existsSync(built) && (!existsSync(source) || statSync(built).mtimeMs >= newest(join(root, 'src')));
let entry = built;
if (!useBuilt) {
  if (!existsSync(source)) {
    process.stderr.write('mesoquote: dist/ is missing; run `npm run build`\n');
    process.exit(3);
  }
  try {
    const { register } = await import('tsx/esm/api');
    register();
    entry = source;
  } catch {
    if (!existsSync(built)) {
      process.stderr.write('mesoquote: neither a build (npm run build) nor tsx (npm ci) is installed\n');
      process.exit(3);
    }
  }
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
