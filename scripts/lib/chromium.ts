// Debian's Chromium driven by playwright-core (`npx playwright install` cannot download a browser
// here). ensureChromium() installs the package with apt-get when it is missing (CI runs as root);
// launchChromium() starts it headless with the flags this machine's closed network needs.
import { spawnSync } from 'node:child_process';
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

function aptGet(args: string[]): { ok: boolean; output: string } {
  const result = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** The Chromium executable, installed from Debian's packages first if it is not there (about a minute). */
export function ensureChromium(log: (line: string) => void = () => {}): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  log(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  let install = aptGet(['install', '-y', 'chromium']);
  if (!install.ok) {
    // A machine whose package lists are stale or empty does not know the package yet.
    aptGet(['update']);
    install = aptGet(['install', '-y', 'chromium']);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not at ${CHROMIUM_PATH} and apt-get could not install it (set CHROMIUM_PATH to use another):\n${install.output.slice(-2000)}`);
  }
  return CHROMIUM_PATH;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
}
