// vitest globalSetup: builds the widget bundle (npm run build:widget, esbuild, well under a second)
// before any test, so GET /widget.js serves the current src/widget/ on a fresh clone too.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build:widget'], { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'inherit', 'inherit'] });
}
