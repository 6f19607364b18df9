// Proof, without a Docker engine, that the Dockerfile's image works: replays each stage's COPY and
// RUN lines in temporary directories (a folder per stage stands for its filesystem), then starts
// the last stage's CMD with its ENV, runs its HEALTHCHECK, asks for an estimate, and stops it
// with SIGTERM. The runtime folder holds only what the image would: `npm ci --omit=dev`, dist/
// from the build stage, data/ from the context.
//
//   npx tsx scripts/prod-smoke.ts [--keep]        (--keep leaves the temporary folders for a look)
//
// What it cannot show: the base image itself (node:20-bookworm-slim; here, this machine's Node),
// USER (it runs as the current user; the Dockerfile's USER is checked to be non-root), EXPOSE and
// the port mapping (the service listens on 127.0.0.1 and a free port instead of 0.0.0.0:3000).
// RUN lines other than `npm ci ...` and `npm run ...` are refused rather than run on this machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from './lib/free-port.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Dockerfile and .dockerignore parsing

export interface Instruction {
  readonly keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  readonly args: string;
  readonly line: number;
}

export interface Stage {
  readonly index: number;
  readonly name: string | undefined;
  readonly image: string;
  readonly instructions: readonly Instruction[];
}

/** Splits a Dockerfile into stages of instructions: comments dropped, `\` continuations joined. */
export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending = '';
  let startLine = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (/^\s*#/.test(line)) return; // comments, also inside a continued instruction
    if (pending === '' && line.trim() === '') return;
    if (pending === '') startLine = i + 1;
    const continued = /\\\s*$/.test(line);
    pending += (pending ? ' ' : '') + line.replace(/\\\s*$/, '').trim();
    if (continued) return;
    const match = /^(\S+)\s*(.*)$/s.exec(pending);
    if (match) instructions.push({ keyword: (match[1] ?? '').toUpperCase(), args: (match[2] ?? '').trim(), line: startLine });
    pending = '';
  });
  const stages: Stage[] = [];
  let current: { name: string | undefined; image: string; instructions: Instruction[] } | undefined;
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const parts = instruction.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      const asAt = parts.findIndex((p) => p.toUpperCase() === 'AS');
      current = { name: asAt >= 0 ? parts[asAt + 1] : undefined, image: parts[0] ?? '', instructions: [] };
      stages.push({ index: stages.length, ...current, instructions: current.instructions });
    } else if (current) {
      current.instructions.push(instruction);
    } else if (instruction.keyword !== 'ARG') {
      throw new Error(`Dockerfile line ${instruction.line}: ${instruction.keyword} before the first FROM`);
    }
  }
  return stages;
}

/** The exec form `["a", "b"]` as an array; undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) throw new Error(`not an exec form: ${args}`);
  return parsed as string[];
}

/** Leading `--name=value` options and the rest. */
function splitOptions(args: string): { options: Map<string, string>; rest: string } {
  const options = new Map<string, string>();
  let rest = args;
  for (let m = /^--([\w-]+)(?:=(\S*))?\s+/.exec(rest); m; m = /^--([\w-]+)(?:=(\S*))?\s+/.exec(rest)) {
    options.set(m[1] ?? '', m[2] ?? '');
    rest = rest.slice(m[0].length);
  }
  return { options, rest };
}

/** `ENV A=1 B="two words"` (and the legacy `ENV A 1`) as pairs. */
export function parseEnv(args: string): Array<[string, string]> {
  if (!args.includes('=')) {
    const m = /^(\S+)\s+(.*)$/.exec(args);
    return m ? [[m[1] ?? '', m[2] ?? '']] : [];
  }
  const pairs: Array<[string, string]> = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (let m = re.exec(args); m; m = re.exec(args)) {
    const value = m[2] ?? '';
    pairs.push([m[1] ?? '', value.startsWith('"') ? (JSON.parse(value) as string) : value]);
  }
  return pairs;
}

export interface Healthcheck {
  readonly options: Record<string, string>;
  readonly command: string[];
}

export function parseHealthcheck(args: string): Healthcheck | undefined {
  const { options, rest } = splitOptions(args);
  if (/^NONE$/i.test(rest)) return undefined;
  const m = /^CMD\s+(.*)$/is.exec(rest);
  if (!m) throw new Error(`HEALTHCHECK without CMD: ${args}`);
  const body = m[1] ?? '';
  return { options: Object.fromEntries(options), command: execForm(body) ?? ['/bin/sh', '-c', body] };
}

/** A .dockerignore as a predicate on context-relative paths (Go filepath.Match plus `**`, `!` exceptions). */
export function dockerignore(text: string): (relPath: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, '')).replace(/\/+$/, '');
      const source = pattern
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) => (part === '**' || part === '**/' ? '(?:.*/)?' + (part === '**' ? '.*' : '') : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return { negate, re: new RegExp(`^${source}$`) };
    });
  return (relPath) => {
    const parts = relPath.split(/[\\/]/).filter(Boolean);
    let ignored = false;
    // A path is excluded when it or any folder above it matches; the last matching rule wins.
    for (let n = 1; n <= parts.length; n += 1) {
      const prefix = parts.slice(0, n).join('/');
      for (const rule of rules) if (rule.re.test(prefix)) ignored = !rule.negate;
    }
    return ignored;
  };
}

// ---------------------------------------------------------------------------------------------
// Processes

interface Ran {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Ran> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, output });
    });
  });
}

/** run(), with `input` written to the child's standard input (stdout only in the output). */
function runWithInput(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }, input = ''): Promise<Ran> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (errors += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, output: code === 0 || output !== '' ? output : errors });
    });
    child.stdin.end(input);
  });
}

/** A clean environment, as a container has: PATH and HOME (for npm's cache) only, then `extra`. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir(), ...extra };
}

// ---------------------------------------------------------------------------------------------
// Replaying the stages

export interface Step {
  readonly stage: string;
  readonly line: number;
  readonly instruction: string;
  readonly seconds: number;
  readonly note?: string;
}

interface StageState {
  readonly stage: Stage;
  readonly root: string;
  workdir: string;
  /** VOLUME paths (inside the image). */
  readonly volumes: string[];
  /** Folders made by `RUN mkdir -p X && chown U:G X`, with their owner (not replayable without root: recorded). */
  readonly owned: Record<string, string>;
  readonly env: Record<string, string>;
  user: string | undefined;
  cmd: string[] | undefined;
  healthcheck: Healthcheck | undefined;
  readonly exposed: string[];
}

/** A container path (absolute, or relative to WORKDIR) inside the folder standing for a stage's filesystem. */
function hostPath(state: StageState, containerPath: string): string {
  const absolute = posix.resolve(state.workdir, containerPath);
  return join(state.root, absolute);
}

/** Expands a `*` or `?` in the last segment of a COPY source against what exists. */
function expandSource(base: string, source: string): string[] {
  const clean = posix.normalize(source).replace(/^\/+/, '');
  if (!/[*?]/.test(clean)) return [clean];
  const dir = posix.dirname(clean);
  if (/[*?]/.test(dir)) throw new Error(`COPY: wildcards are supported in the last path segment only: ${source}`);
  const re = new RegExp('^' + posix.basename(clean).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
  const names = readdirSync(join(base, dir)).filter((n) => re.test(n));
  return names.map((n) => posix.join(dir, n));
}

function copy(state: StageState, args: string, stages: ReadonlyMap<string, StageState>, context: string, ignored: (p: string) => boolean): void {
  const { options, rest } = splitOptions(args);
  const parts = execForm(rest) ?? rest.split(/\s+/);
  const dest = parts.pop();
  if (!dest || parts.length === 0) throw new Error(`COPY needs a source and a destination: ${args}`);
  const from = options.get('from');
  const fromState = from === undefined ? undefined : stages.get(from);
  if (from !== undefined && !fromState) throw new Error(`COPY --from=${from}: no earlier stage of that name or index`);
  const base = fromState ? fromState.root : context;
  const sources = parts.flatMap((p) => expandSource(fromState ? fromState.root : context, fromState ? posix.resolve('/', p) : p));
  const destPath = hostPath(state, dest);
  const destIsDir = dest.endsWith('/') || sources.length > 1 || (existsSync(destPath) && statSync(destPath).isDirectory());
  for (const source of sources) {
    const rel = source.replace(/^\/+/, '');
    if (!fromState && ignored(rel)) throw new Error(`COPY ${source}: excluded by .dockerignore`);
    const src = join(base, rel);
    if (!existsSync(src)) throw new Error(`COPY ${source}: not found in ${fromState ? `stage ${from}` : 'the build context'}`);
    // Like Docker: a folder's contents go into the destination; a file goes into it or becomes it.
    const target = statSync(src).isDirectory() ? destPath : destIsDir ? join(destPath, basename(src)) : destPath;
    mkdirSync(statSync(src).isDirectory() ? target : dirname(target), { recursive: true });
    cpSync(src, target, {
      recursive: true,
      filter: (path) => fromState !== undefined || !ignored(relative(context, path)),
    });
  }
}

const ALLOWED_RUN = /^npm (ci|run [\w:.-]+)((?: --[\w-]+(?:=[\w.-]+)?)*)$/;
const MKDIR_RUN = /^mkdir -p (\/[\w/.-]+) && chown ([\w-]+:[\w-]+) \1$/;

async function runStep(state: StageState, args: string): Promise<string | undefined> {
  // --mount (a build cache) and --network only matter to BuildKit.
  const { rest } = splitOptions(args);
  const command = execForm(rest)?.join(' ') ?? rest;
  const mkdir = MKDIR_RUN.exec(command);
  if (mkdir) {
    mkdirSync(hostPath(state, mkdir[1]!), { recursive: true });
    state.owned[mkdir[1]!] = mkdir[2]!;
    return `made ${mkdir[1]} for ${mkdir[2]}`;
  }
  if (!ALLOWED_RUN.test(command)) {
    throw new Error(`RUN ${command}: prod-smoke replays only 'npm ci ...' and 'npm run <script> ...'; teach scripts/prod-smoke.ts before adding other RUN lines`);
  }
  const argv = command.split(/\s+/).slice(1);
  const cwd = hostPath(state, '.');
  // The stage's ENV applies (NODE_ENV=production changes what npm installs). npm is told to use
  // this machine's cache first, which gives the same lockfile-pinned packages as the registry.
  const env = baseEnv({ ...state.env, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' });
  const result = await run('npm', argv, { cwd, env, timeoutMs: 240_000 });
  if (result.code !== 0) throw new Error(`RUN ${command} failed (exit ${result.code ?? result.signal}):\n${result.output.slice(-3000)}`);
  return result.output.trim().split('\n').filter((l) => !/^npm warn/.test(l)).pop();
}

// ---------------------------------------------------------------------------------------------
// The smoke run

export interface ProdSmokeResult {
  readonly dockerfile: {
    readonly stages: Array<{ name: string | undefined; image: string }>;
    readonly user: string | undefined;
    readonly cmd: string[] | undefined;
    readonly healthcheck: Healthcheck | undefined;
    readonly exposed: string[];
    readonly env: Record<string, string>;
    readonly runLines: string[];
    readonly volumes: string[];
    readonly owned: Record<string, string>;
  };
  readonly steps: Step[];
  /** The command started, exactly as the image's CMD says, and where (inside the image). */
  readonly command: string[];
  readonly workdir: string;
  /** Top-level entries of the runtime stage's WORKDIR. */
  readonly runtimeEntries: string[];
  /** devDependencies of package.json found in the runtime node_modules (some are also needed by production packages). */
  readonly devDependenciesPresent: string[];
  /** Packages the lockfile marks dev-only found in the runtime node_modules: must be none. */
  readonly devOnlyPresent: string[];
  readonly dependenciesMissing: string[];
  readonly http: {
    readonly healthz: number;
    readonly readyz: number;
    /** POST /v1/quotes: storage in the image's STORAGE_DIR works. */
    readonly quote: number;
    readonly estimate: { status: number; contentType: string; typical: string | undefined; currency: string | undefined };
    readonly openapi: number;
    readonly docsAsset: number;
    /** GET /widget.js: the calculator bundle the build stage made. */
    readonly widget: number;
    /** 503s (load shedding) retried on the way to the statuses above. */
    readonly shed: number;
  };
  readonly healthcheckExit: number | null;
  /** The command line in the runtime folder, as `npx mesoquote` (package.json "bin"), and the client export. */
  readonly cli: {
    readonly help: number | null;
    readonly estimate: { code: number | null; typical: string | undefined };
    readonly price: { code: number | null; lines: string[] };
    readonly chart: { code: number | null; svg: boolean };
    readonly clientExport: { code: number | null; output: string };
  };
  readonly shutdown: { code: number | null; signal: NodeJS.Signals | null; ms: number };
  readonly serverOutput: string;
  /** The temporary folder the stages were replayed in (removed unless keepTemp). */
  readonly tempDir: string;
  readonly seconds: number;
}

export interface ProdSmokeOptions {
  readonly repoRoot?: string;
  readonly keepTemp?: boolean;
  readonly log?: (line: string) => void;
}

export async function runProdSmoke(options: ProdSmokeOptions = {}): Promise<ProdSmokeResult> {
  const started = Date.now();
  const context = options.repoRoot ?? REPO_ROOT;
  const log = options.log ?? (() => undefined);
  const stages = parseDockerfile(readFileSync(join(context, 'Dockerfile'), 'utf8'));
  const ignoreFile = join(context, '.dockerignore');
  const ignored = dockerignore(existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8') : '');
  const temp = mkdtempSync(join(tmpdir(), 'mesoquote-prod-smoke-'));
  let server: ChildProcess | undefined;
  try {
    const states = new Map<string, StageState>();
    const steps: Step[] = [];
    let last: StageState | undefined;
    for (const stage of stages) {
      const label = stage.name ?? String(stage.index);
      const state: StageState = { stage, root: join(temp, `stage-${stage.index}-${label}`), workdir: '/', volumes: [], owned: {}, env: {}, user: undefined, cmd: undefined, healthcheck: undefined, exposed: [] };
      mkdirSync(state.root, { recursive: true });
      for (const instruction of stage.instructions) {
        const t0 = Date.now();
        let note: string | undefined;
        switch (instruction.keyword) {
          case 'WORKDIR':
            state.workdir = posix.resolve(state.workdir, instruction.args);
            mkdirSync(hostPath(state, '.'), { recursive: true });
            break;
          case 'ENV':
            for (const [k, v] of parseEnv(instruction.args)) state.env[k] = v;
            break;
          case 'COPY':
            copy(state, instruction.args, states, context, ignored);
            break;
          case 'RUN':
            note = await runStep(state, instruction.args);
            break;
          case 'USER':
            state.user = instruction.args;
            break;
          case 'EXPOSE':
            state.exposed.push(...instruction.args.split(/\s+/));
            break;
          case 'HEALTHCHECK':
            state.healthcheck = parseHealthcheck(instruction.args);
            break;
          case 'CMD':
            state.cmd = execForm(instruction.args) ?? ['/bin/sh', '-c', instruction.args];
            break;
          case 'VOLUME':
            state.volumes.push(...(execForm(instruction.args) ?? instruction.args.split(/\s+/)));
            break;
          case 'LABEL':
          case 'ARG':
            break;
          default:
            throw new Error(`Dockerfile line ${instruction.line}: prod-smoke does not replay ${instruction.keyword}`);
        }
        const seconds = (Date.now() - t0) / 1000;
        steps.push({ stage: label, line: instruction.line, instruction: `${instruction.keyword} ${instruction.args}`, seconds, ...(note ? { note } : {}) });
        if (seconds > 0.5) log(`[${label}] ${instruction.keyword} ${instruction.args.slice(0, 80)} (${seconds.toFixed(1)}s)`);
      }
      states.set(label, state);
      states.set(String(stage.index), state);
      last = state;
    }
    if (!last) throw new Error('Dockerfile has no FROM');
    const runtime = last;
    if (!runtime.cmd) throw new Error('the last stage has no CMD');
    const appDir = hostPath(runtime, '.');

    // What the runtime image holds.
    const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    const lock = JSON.parse(readFileSync(join(appDir, 'package-lock.json'), 'utf8')) as { packages?: Record<string, { dev?: boolean }> };
    const installed = (name: string): boolean => existsSync(join(appDir, 'node_modules', name, 'package.json'));
    // Dev-only: what the lockfile marks `dev` (needed by devDependencies and by nothing in production).
    const devOnlyPresent = Object.entries(lock.packages ?? {})
      .filter(([path, entry]) => path !== '' && entry.dev === true && existsSync(join(appDir, path, 'package.json')))
      .map(([path]) => path.replace(/^node_modules\//, ''));
    const devDependenciesPresent = Object.keys(pkg.devDependencies ?? {}).filter(installed);
    const dependenciesMissing = Object.keys(pkg.dependencies ?? {}).filter((name) => !installed(name));
    const runtimeEntries = readdirSync(appDir).sort();

    // Start the CMD as the container would, with the image's ENV; bind to loopback on a free port.
    const port = await freePort();
    // A path on a declared volume points into the replayed image (as the volume would be mounted there).
    const onVolume = (value: string): boolean => runtime.volumes.some((v) => value === v || value.startsWith(`${v}/`));
    const imageEnv = Object.fromEntries(Object.entries(runtime.env).map(([k, v]) => [k, onVolume(v) ? hostPath(runtime, v) : v]));
    const env = baseEnv({ ...imageEnv, HOST: '127.0.0.1', PORT: String(port) });
    const [command, ...args] = runtime.cmd;
    log(`starting ${runtime.cmd.join(' ')} in ${runtime.workdir} (PORT=${port})`);
    const proc = spawn(command ?? '', args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server = proc;
    let serverOutput = '';
    proc.stdout?.on('data', (c: Buffer) => (serverOutput += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (serverOutput += c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (code, signal) => r({ code, signal })));

    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    let healthz = 0;
    while (Date.now() < deadline && proc.exitCode === null) {
      healthz = await fetch(`${base}/healthz`).then((r) => r.status, () => 0);
      if (healthz === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (healthz !== 200) throw new Error(`the service did not answer /healthz (exit ${proc.exitCode}); output:\n${serverOutput.slice(-3000)}`);

    // Like Docker during the start period: the HEALTHCHECK may fail while storage opens.
    let healthcheckExit: number | null = null;
    for (const until = Date.now() + 90_000; runtime.healthcheck && Date.now() < until; ) {
      healthcheckExit = (await run(runtime.healthcheck.command[0] ?? '', runtime.healthcheck.command.slice(1), { cwd: appDir, env, timeoutMs: 10_000 })).code;
      if (healthcheckExit === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // A 503 is load shedding (the CI machine runs every test file at once, and the service sheds
    // while its event loop lags): retry it as a client would, and count it. Every body is read to
    // the end: an unread response is an open request that holds up shutdown.
    let shed = 0;
    const request = async (path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: Buffer }> => {
      for (let attempt = 1; ; attempt += 1) {
        const response = await fetch(`${base}${path}`, init);
        const body = Buffer.from(await response.arrayBuffer());
        if (response.status !== 503 || attempt === 20) return { status: response.status, headers: response.headers, body };
        shed += 1;
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    const status = async (path: string): Promise<number> => (await request(path)).status;
    const estimateResponse = await request('/v1/estimates', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ treatment: 'skin-rejuvenation' }),
    });
    const estimateBody = JSON.parse(estimateResponse.body.toString('utf8')) as { total?: { typical?: string }; currency?: { code?: string } };
    const readyz = await status('/readyz');
    // Storage works in the image as built: a quote is saved on the declared volume.
    const quote = (await request('/v1/quotes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ treatment: 'skin-rejuvenation' }) })).status;
    const openapi = await status('/openapi.json');
    // A static file of the docs UI: shows its package's assets made it into production node_modules.
    const docsAsset = await status('/docs/static/swagger-ui-bundle.js');
    const widget = await status('/widget.js');

    // The command line, with production dependencies alone: npx finds the package's own bin.
    const npx = (args: string[], input?: string): Promise<Ran> => runWithInput('npx', ['--no-install', 'mesoquote', ...args], { cwd: appDir, env: baseEnv({ ...runtime.env, npm_config_update_notifier: 'false' }), timeoutMs: 60_000 }, input);
    const cliHelp = await npx(['--help']);
    const cliEstimate = await npx(['estimate', '--treatment', 'skin-rejuvenation', '--json']);
    const cliPrice = await npx(['price', '-', '-q', '--api', base], 'treatment,country\nskin-rejuvenation,US\nhair-restoration,ZZ\n');
    const cliChart = await npx(['chart', '--treatment', 'skin-rejuvenation']);
    const clientExport = await run(process.execPath, ['--input-type=module', '-e', "const m = await import('mesoquote/client'); console.log(typeof m.createMesoquoteClient)"], { cwd: appDir, env, timeoutMs: 30_000 });
    const estimateTypical = (() => {
      try {
        return (JSON.parse(cliEstimate.output) as { total?: { typical?: string } }).total?.typical;
      } catch {
        return undefined;
      }
    })();

    const t0 = Date.now();
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    const stopped = await exited;
    clearTimeout(timer);
    server = undefined;

    return {
      dockerfile: {
        stages: stages.map((s) => ({ name: s.name, image: s.image })),
        user: runtime.user,
        cmd: runtime.cmd,
        healthcheck: runtime.healthcheck,
        exposed: runtime.exposed,
        env: runtime.env,
        runLines: stages.flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => `[${s.name ?? s.index}] ${splitOptions(i.args).rest}`)),
        volumes: runtime.volumes,
        owned: runtime.owned,
      },
      steps,
      command: [command ?? '', ...args],
      workdir: runtime.workdir,
      runtimeEntries,
      devDependenciesPresent,
      devOnlyPresent,
      dependenciesMissing,
      http: {
        healthz,
        readyz,
        quote,
        estimate: {
          status: estimateResponse.status,
          contentType: estimateResponse.headers.get('content-type') ?? '',
          typical: estimateBody.total?.typical,
          currency: estimateBody.currency?.code,
        },
        openapi,
        docsAsset,
        widget,
        shed,
      },
      healthcheckExit,
      cli: {
        help: cliHelp.code,
        estimate: { code: cliEstimate.code, typical: estimateTypical },
        price: { code: cliPrice.code, lines: cliPrice.output.trim().split(/\r?\n/) },
        chart: { code: cliChart.code, svg: cliChart.output.startsWith('<svg ') },
        clientExport: { code: clientExport.code, output: clientExport.output.trim() },
      },
      shutdown: { ...stopped, ms: Date.now() - t0 },
      serverOutput,
      tempDir: temp,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    if (!options.keepTemp) rmSync(temp, { recursive: true, force: true });
    else log(`kept ${temp}`);
  }
}

/** Every way the result falls short of a working production image; empty when all is well. */
export function smokeFailures(r: ProdSmokeResult): string[] {
  const failures: string[] = [];
  const expect = (ok: boolean, message: string): void => {
    if (!ok) failures.push(message);
  };
  const d = r.dockerfile;
  expect(d.stages.length === 2, `expected 2 stages (build, runtime), found ${d.stages.length}`);
  expect(d.user !== undefined && !/^(root|0)(:|$)/.test(d.user), `the runtime stage must set a non-root USER, has ${d.user ?? 'none'}`);
  expect(d.healthcheck?.command.join(' ').includes('/readyz') ?? false, 'the HEALTHCHECK must probe /readyz (healthy = ready, storage included)');
  expect(d.stages.every((s) => /^node:(22|24)[.-]/.test(s.image)), `every stage must be on a supported Node LTS (22 or 24): ${d.stages.map((s) => s.image).join(', ')}`);
  const storageDir = d.env.STORAGE_DIR;
  expect(storageDir !== undefined && d.volumes.includes(storageDir), `STORAGE_DIR (${storageDir ?? 'unset'}) must be a declared VOLUME (${d.volumes.join(', ') || 'none'})`);
  expect(storageDir !== undefined && d.user !== undefined && d.owned[storageDir]?.split(':')[0] === d.user, `STORAGE_DIR must belong to the USER ${d.user ?? ''}: owned ${JSON.stringify(d.owned)}`);
  expect(r.http.quote === 201, `POST /v1/quotes answered ${r.http.quote}: storage in STORAGE_DIR does not work`);
  expect(d.runLines.some((l) => !l.startsWith('[build]') && /^\[[^\]]+\] npm ci .*--omit=dev/.test(l)), 'the runtime stage must install with npm ci --omit=dev');
  expect(JSON.stringify(d.cmd) === JSON.stringify(r.command), `ran ${r.command.join(' ')}, but CMD is ${JSON.stringify(d.cmd)}`);
  expect(r.devOnlyPresent.length === 0, `dev-only packages in the runtime image: ${r.devOnlyPresent.join(', ')}`);
  for (const tool of ['typescript', 'tsx', 'vitest', 'autocannon']) {
    expect(!r.devDependenciesPresent.includes(tool), `${tool} is in the runtime image`);
  }
  expect(r.dependenciesMissing.length === 0, `dependencies missing from the runtime image: ${r.dependenciesMissing.join(', ')}`);
  expect(r.http.healthz === 200, `/healthz answered ${r.http.healthz}`);
  expect(r.healthcheckExit === 0, `the HEALTHCHECK command exited ${r.healthcheckExit}`);
  expect(r.http.estimate.status === 200, `POST /v1/estimates answered ${r.http.estimate.status}`);
  expect(r.http.estimate.typical === '1800.00', `skin-rejuvenation typical total is ${r.http.estimate.typical}, not 1800.00`);
  expect(r.http.readyz === 200, `/readyz answered ${r.http.readyz}`);
  expect(r.http.openapi === 200, `/openapi.json answered ${r.http.openapi}`);
  expect(r.http.docsAsset === 200, `the docs UI's static assets answered ${r.http.docsAsset}`);
  expect(r.cli.help === 0, `npx mesoquote --help exited ${r.cli.help}`);
  expect(r.cli.estimate.code === 0 && r.cli.estimate.typical === '1800.00', `npx mesoquote estimate exited ${r.cli.estimate.code} with typical ${r.cli.estimate.typical}`);
  expect(r.cli.price.code === 1 && r.cli.price.lines.length === 3, `npx mesoquote price (one good row, one bad) exited ${r.cli.price.code} with ${r.cli.price.lines.length} lines`);
  expect(r.cli.chart.code === 0 && r.cli.chart.svg, `npx mesoquote chart exited ${r.cli.chart.code}${r.cli.chart.svg ? '' : ' without an SVG'}`);
  expect(r.cli.clientExport.code === 0 && r.cli.clientExport.output === 'function', `import('mesoquote/client') failed: ${r.cli.clientExport.output.slice(0, 300)}`);
  expect(r.http.widget === 200, `the widget bundle (GET /widget.js) answered ${r.http.widget}`);
  expect(r.shutdown.code === 0 && r.shutdown.signal === null, `SIGTERM ended the service with code ${r.shutdown.code}, signal ${r.shutdown.signal}`);
  return failures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const log = (line: string): void => console.log(line);
  runProdSmoke({ keepTemp: process.argv.includes('--keep'), log }).then(
    (result) => {
      console.log(`stages: ${result.dockerfile.stages.map((s) => `${s.name ?? '?'} (${s.image})`).join(', ')}`);
      console.log(`runtime ${result.workdir}: ${result.runtimeEntries.join(', ')}; dev-only packages installed: ${result.devOnlyPresent.length}; devDependencies present because production packages need them too: ${result.devDependenciesPresent.join(', ') || 'none'}`);
      console.log(`npx mesoquote: --help ${result.cli.help}, estimate ${result.cli.estimate.code} typical ${result.cli.estimate.typical}, price ${result.cli.price.code} (${result.cli.price.lines.length} lines), chart ${result.cli.chart.code}; import('mesoquote/client'): ${result.cli.clientExport.output}`);
      console.log(`ran: ${result.command.join(' ')}  -> healthz ${result.http.healthz}, HEALTHCHECK exit ${result.healthcheckExit}, estimate ${result.http.estimate.status} typical ${result.http.estimate.typical} ${result.http.estimate.currency}, readyz ${result.http.readyz}, 503s retried ${result.http.shed}, SIGTERM -> exit ${result.shutdown.code} in ${result.shutdown.ms} ms`);
      const failures = smokeFailures(result);
      console.log(failures.length === 0 ? `prod-smoke: OK (${result.seconds.toFixed(1)}s)` : `prod-smoke: FAILED\n  ${failures.join('\n  ')}`);
      process.exitCode = failures.length === 0 ? 0 : 1;
    },
    (error: unknown) => {
      console.error(`prod-smoke: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
