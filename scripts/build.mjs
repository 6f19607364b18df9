#!/usr/bin/env node
// npm start's build step: runs `npm run build` (TypeScript to dist/src, the calculator's bundle to
// dist/widget) only when a build input is newer than the last build this script made, or an output
// is missing, so a second `npm start` serves in about a second instead of recompiling everything.
// Plain JavaScript: it must not itself need a compile step or tsx to start.
//   node scripts/build.mjs --if-stale            build if stale
//   node scripts/build.mjs --if-stale --serve    npm start: then run the server in this process
//   node scripts/build.mjs                       always build, and stamp
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join('dist', '.build-stamp');
/** Everything the build reads: a change to any of these (or a file added or removed) rebuilds. */
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const OUTPUTS = ['dist/src/server.js', 'dist/src/cli/main.js', 'dist/widget/widget.js'];

/** The newest modification time under `path`; a directory's own time changes when an entry is added or removed. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** True when `dir` (a checkout) has no build, or an input changed since the last one. */
export function isStale(dir = root) {
  if (!OUTPUTS.every((output) => existsSync(join(dir, output)))) return true;
  const builtAt = statSync(join(dir, STAMP), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return INPUTS.some((input) => newest(join(dir, input)) > builtAt);
}

function build() {
  // Stamped with the time the build started: a file saved while it ran is newer, so the next
  // start builds again.
  const started = new Date();
  // Under npm, npm_execpath is npm's own script: run the same npm with the same node.
  const npm = process.env.npm_execpath;
  const result = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' }) : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.error) {
    process.stderr.write(`mesoquote: build: cannot run npm (${result.error.message})\n`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, STAMP), `${started.toISOString()}\n`);
  utimesSync(join(root, STAMP), started, started);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && !isStale()) {
    process.stderr.write('mesoquote: build is up to date (dist/); `npm run build` rebuilds it\n');
  } else {
    build();
  }
  // In this process rather than a new one: one Node.js start less before the service answers.
  if (process.argv.includes('--serve')) await import(pathToFileURL(join(root, 'dist', 'src', 'server.js')).href);
}
