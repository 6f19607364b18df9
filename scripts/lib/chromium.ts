// Debian's Chromium driven by playwright-core (`npx playwright install` cannot download a browser
// here). ensureChromium() installs the package with apt-get when it is missing (CI runs as root);
// launchChromium() starts it headless with the flags this machine's closed network needs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Without the networking flags Chromium tries Google's services at start-up and has its
 * connections refused by the sandbox's network. Playwright adds --headless and gives every
 * launch a fresh, empty user-data-dir of its own, deleted on close.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** apt-get, asynchronously: a minute-long install must not block the test worker's event loop. */
function aptGet(args: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, output: `${output}${String(error)}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

/** The Chromium executable, installed from Debian's packages first if it is not there (about a minute). */
export async function ensureChromium(log: (line: string) => void = () => {}): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  log(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  let install = await aptGet(['install', '-y', 'chromium']);
  if (!install.ok) {
    // A machine whose package lists are stale or empty does not know the package yet.
    await aptGet(['update']);
    install = await aptGet(['install', '-y', 'chromium']);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH} and apt-get could not install it (set CHROMIUM_PATH to use another):\n${install.output.slice(-2000)}`);
  }
  return CHROMIUM_PATH;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await ensureChromium(), headless: true, args: CHROMIUM_ARGS });
}
