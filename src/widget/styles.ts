// The calculator's style, adopted by its shadow root as a constructed stylesheet: it applies to
// nothing outside the widget, the page's rules cannot reach inside, and no <style> element or
// style attribute is created, so a Content-Security-Policy without 'unsafe-inline' allows it.
// `all: initial` on the root stops the page's inherited text styles at the boundary. The root's
// font is 1rem, so every size (in em of it) follows the reader's own font size setting; the page
// may set the family with --mq-font and style the parts it is given (::part, docs/calculator.md).
// Default contrast on white (AA asks 4.5:1 for text, 3:1 for borders and focus rings): text 16.7:1,
// muted text 8.1:1, accent 8.2:1, error red 6.5:1, field borders 4.7:1.
export const CSS = `
/* Inline-size containment gives the element no width of its own: it takes its line (block), its
   share of a flex row, or its grid area, never less than a phone's width when there is room. */
:host { display: block; container-type: inline-size; inline-size: 100%; min-inline-size: min(18rem, 100%); max-inline-size: 100%; flex: 1 1 24rem; }
:host([hidden]) { display: none; }
.mq {
  all: initial;
  --_accent: var(--mq-accent, #0a4f96);
  --_text: var(--mq-text, #1b1e23);
  --_bg: var(--mq-background, #ffffff);
  --_muted: color-mix(in srgb, var(--_text) 78%, var(--_bg));
  --_line: color-mix(in srgb, var(--_text) 62%, var(--_bg));
  --_soft: color-mix(in srgb, var(--_accent) 10%, var(--_bg));
  --_on-accent: var(--mq-on-accent, #ffffff);
  display: grid;
  gap: 1.5em;
  box-sizing: border-box;
  padding: 1.25em;
  border: 1px solid color-mix(in srgb, var(--_text) 20%, var(--_bg));
  border-radius: 0.75em;
  background: var(--_bg);
  color: var(--_text);
  font: 400 1rem/1.5 var(--mq-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  text-align: start;
}
.mq *, .mq *::before, .mq *::after { box-sizing: border-box; }
@container (min-width: 40em) { .mq { grid-template-columns: minmax(17em, 1fr) minmax(20em, 1.25fr); align-items: start; } }
/* On a narrow screen the form comes first and runs long: the typical total and range stay in sight
   at the bottom of the screen while any part of the calculator is. */
.summary-bar {
  position: sticky; bottom: 0; z-index: 5; display: flex; justify-content: space-between; align-items: baseline; gap: 1em;
  margin: 0 -1.25em -1.25em; padding: 0.625em 1.25em; background: var(--_bg); border-top: 2px solid var(--_accent);
  border-radius: 0 0 0.75em 0.75em; box-shadow: 0 -0.25em 1em rgb(0 0 0 / 0.12);
}
.summary-caption { display: block; color: var(--_muted); font-size: 0.75em; }
.summary-total { font-size: 1.375em; font-weight: 700; font-variant-numeric: tabular-nums; }
.summary-range { color: var(--_muted); font-size: 0.875em; text-align: end; }
@container (min-width: 40em) { .summary-bar { display: none; } }
h2, h3, h4 { margin: 0 0 0.5em; line-height: 1.25; }
h2 { font-size: 1.25em; }
h3 { font-size: 1.125em; }
h4 { font-size: 1em; margin-top: 1.25em; }
p { margin: 0 0 0.5em; }
form { display: grid; gap: 1em; margin: 0; }
.field { display: grid; gap: 0.25em; position: relative; }
label, legend { font-weight: 600; }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
legend { padding: 0; margin-bottom: 0.25em; }
.choices { display: grid; gap: 0.25em; }
.choice { display: flex; gap: 0.5em; align-items: baseline; font-weight: 400; cursor: pointer; }
.choice input { margin: 0; flex: none; width: 1.125em; height: 1.125em; accent-color: var(--_accent); cursor: pointer; }
.choice small { display: block; color: var(--_muted); font-size: 0.875em; }
select, input[type="text"] {
  font: inherit; color: var(--_text); background: var(--_bg);
  border: 1px solid var(--_line); border-radius: 0.375em;
  padding: 0.5em 0.625em; min-height: 2.75em; width: 100%;
}
select { appearance: auto; }
input[aria-invalid="true"] { border-color: #b3261e; border-width: 2px; }
.hint { color: var(--_muted); font-size: 0.875em; margin: 0; }
.hint:empty { display: none; }
.field-error { color: #b3261e; font-size: 0.875em; font-weight: 600; margin: 0; }
.field-error:empty { display: none; }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
.choice input:focus-visible { outline-offset: 3px; }
.listbox {
  position: absolute; top: 100%; left: 0; right: 0; z-index: 10; margin: 0.25em 0 0; padding: 0.25em 0;
  list-style: none; max-height: 15em; overflow-y: auto; background: var(--_bg); color: var(--_text);
  border: 1px solid var(--_line); border-radius: 0.375em; box-shadow: 0 0.5em 1.5em rgb(0 0 0 / 0.15);
}
.listbox[hidden] { display: none; }
.option { padding: 0.375em 0.75em; cursor: pointer; }
.option:hover { background: var(--_soft); }
.option.active { background: var(--_soft); outline: 2px solid var(--_accent); outline-offset: -2px; }
.option[aria-selected="true"] { font-weight: 600; }
.results { min-width: 0; }
.results[aria-busy="true"] .figures { opacity: 0.55; }
.status { color: var(--_muted); min-height: 1.5em; }
.status.loading::before {
  content: ""; display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.5em; vertical-align: -0.1em;
  border: 2px solid var(--_line); border-top-color: var(--_accent); border-radius: 50%; animation: mq-spin 0.8s linear infinite;
}
@keyframes mq-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .status.loading::before { animation: none; } }
.alert:empty { display: none; }
.alert { border: 2px solid #b3261e; border-radius: 0.5em; padding: 0.75em; margin-bottom: 1em; background: color-mix(in srgb, #b3261e 6%, var(--_bg)); }
.alert.offline { border-color: var(--_text); background: var(--_bg); }
.alert p { margin: 0 0 0.5em; }
button {
  font: inherit; font-weight: 600; color: var(--_on-accent); background: var(--_accent);
  border: 0; border-radius: 0.375em; padding: 0.5em 1em; min-height: 2.75em; cursor: pointer;
}
.figures[hidden], .mq [hidden] { display: none !important; }
.clinic { margin: 0 0 0.75em; padding: 0.75em; background: var(--_soft); border-left: 4px solid var(--_accent); }
.caption { color: var(--_muted); margin: 0; }
.total { font-size: 2.25em; font-weight: 700; line-height: 1.15; margin: 0 0 0.25em; font-variant-numeric: tabular-nums; }
.per-session { margin-bottom: 0.75em; }
.package { margin-bottom: 0.75em; }
.bar { display: block; width: 100%; height: auto; margin-top: 0.5em; }
.bar .track { fill: color-mix(in srgb, var(--_text) 18%, var(--_bg)); }
.bar .likely { fill: var(--_accent); opacity: 0.35; }
.bar .median { stroke: var(--_accent); stroke-width: 2; }
.bar .end { fill: var(--_bg); stroke: var(--_text); stroke-width: 2; }
.bar .typical { fill: var(--_text); }
.scale { display: flex; justify-content: space-between; gap: 1em; font-size: 0.875em; }
.scale > span:last-child { text-align: end; }
.scale data { display: block; font-weight: 700; font-size: 1.125em; font-variant-numeric: tabular-nums; }
ol, ul { margin: 0; padding-left: 1.25em; }
li { margin-bottom: 0.25em; }
details { margin-top: 0.75em; border-top: 1px solid color-mix(in srgb, var(--_text) 20%, var(--_bg)); padding-top: 0.5em; }
summary { cursor: pointer; font-weight: 600; min-height: 1.75em; }
details[open] > summary { margin-bottom: 0.5em; }
.legend { list-style: none; padding: 0; margin: 0.5em 0 0; font-size: 0.875em; }
.legend li { display: flex; gap: 0.5em; align-items: baseline; }
.key { flex: none; display: inline-block; width: 1.5em; height: 0.75em; border-radius: 0.25em; }
.key-ends { border: 2px solid var(--_text); border-radius: 0.375em; background: color-mix(in srgb, var(--_text) 18%, var(--_bg)); }
.key-median { width: 0.75em; height: 1em; border-left: 2px solid var(--_accent); border-radius: 0; margin-left: 0.75em; }
.key-likely { background: color-mix(in srgb, var(--_accent) 35%, var(--_bg)); }
.rounded { font-size: 0.875em; color: var(--_muted); }
.lead { margin-top: 1.25em; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
.cta {
  display: inline-flex; align-items: center; min-height: 2.75em; padding: 0.5em 1em; border-radius: 0.375em;
  background: var(--_accent); color: var(--_on-accent); font-weight: 600; text-decoration: none;
}
.cta:hover { text-decoration: underline; }
button.secondary { background: var(--_bg); color: var(--_accent); border: 2px solid var(--_accent); }
.saved:empty { display: none; }
.saved { margin-top: 0.75em; }
a { color: var(--_accent); }
.sources { font-size: 0.875em; margin-top: 0.5em; }
.kind { color: var(--_muted); }
.disclaimer { margin-top: 1.25em; padding: 0.75em; border-left: 4px solid var(--_accent); background: var(--_soft); font-size: 0.9375em; }
.probe { position: absolute; width: 0; height: 0; overflow: hidden; color: var(--_accent); }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
