// The HTML pages of GET /problems and GET /problems/{code}, for a person who follows a problem's
// `type` link in a browser. Plain semantic HTML: no script, no style element or attribute, so it
// renders under the service's Content-Security-Policy as it is; every value is escaped.

interface ProblemTypePage {
  readonly code: string;
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly meaning: string;
  readonly fix: string;
  readonly example?: {
    readonly method: string;
    readonly path: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: string;
    readonly detail: string;
  };
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Escaped prose, with `backticked` words as code. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · mesoquote</title>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

/** The example request as the HTTP message a client sends. */
function requestText(example: NonNullable<ProblemTypePage['example']>): string {
  const headers = Object.entries(example.headers ?? {}).map(([name, value]) => `${name}: ${value}\n`);
  return `${example.method} ${example.path} HTTP/1.1\n${headers.join('')}${example.body === undefined ? '' : `\n${example.body}`}`;
}

export function problemPageHtml(p: ProblemTypePage): string {
  const example = p.example
    ? `<h2>Example</h2>
<p>This request:</p>
<pre><code>${escapeHtml(requestText(p.example))}</code></pre>
<p>gets a ${p.status} answer whose <code>detail</code> is:</p>
<blockquote><p>${escapeHtml(p.example.detail)}</p></blockquote>
`
    : '';
  return page(
    `${p.title} (${p.code})`,
    `<p><a href="/problems">All problem types</a></p>
<h1>${escapeHtml(p.title)}</h1>
<p>HTTP ${p.status}, <code>code</code> <code>${escapeHtml(p.code)}</code>, <code>type</code> <code>${escapeHtml(p.type)}</code></p>
<h2>What it means</h2>
<p>${prose(p.meaning)}</p>
<h2>How to fix it</h2>
<p>${prose(p.fix)}</p>
${example}<p>Every problem is <code>application/problem+json</code> (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, <code>code</code>, <code>instance</code> and <code>requestId</code>; input errors add <code>errors</code>, one item per field with its JSON pointer. The API is described at <a href="/docs">/docs</a>.</p>`,
  );
}

export function problemListHtml(problems: readonly ProblemTypePage[]): string {
  const rows = problems
    .map((p) => `<tr><td>${p.status}</td><td><a href="${escapeHtml(p.type)}"><code>${escapeHtml(p.code)}</code></a></td><td>${escapeHtml(p.title)}</td></tr>`)
    .join('\n');
  return page(
    'Problem types',
    `<h1>Problem types</h1>
<p>Every error of the API is one of these, as <code>application/problem+json</code> (RFC 9457) whose <code>type</code> links here. The API is described at <a href="/docs">/docs</a>.</p>
<table>
<thead><tr><th scope="col">Status</th><th scope="col">Code</th><th scope="col">Title</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  );
}
