// The colours an embedder sets by attribute (accent-color, text-color, background-color), applied
// as custom properties of :host through the CSSOM (never a style attribute, which a strict CSP
// blocks). Text on the accent turns black or white for contrast; a text/background pair below
// WCAG AA is reported in the console, because the embedder chose it.
import { contrast, parseRgb, textOn } from './contrast.js';

const PROPERTIES: ReadonlyArray<readonly [attribute: string, property: string]> = [
  ['accent-color', '--mq-accent'],
  ['text-color', '--mq-text'],
  ['background-color', '--mq-background'],
];

export function applyTheme(host: HTMLElement, sheet: CSSStyleSheet, frame: HTMLElement, probe: HTMLElement): void {
  if (sheet.cssRules.length === 0) sheet.insertRule(':host {}');
  const rule = sheet.cssRules[0] as CSSStyleRule;
  for (const [attribute, property] of PROPERTIES) {
    const value = host.getAttribute(attribute)?.trim();
    if (value && CSS.supports('color', value) && !value.includes('var(')) {
      rule.style.setProperty(property, value, 'important');
    } else {
      rule.style.removeProperty(property);
      if (value) console.warn(`<mesoquote-calculator>: ${attribute}="${value}" is not a CSS colour; using the default`);
    }
  }
  rule.style.removeProperty('--mq-on-accent');
  if (!host.isConnected) return;
  const style = getComputedStyle(frame);
  const text = parseRgb(style.color);
  const background = parseRgb(style.backgroundColor);
  const accent = parseRgb(getComputedStyle(probe).color);
  if (accent) rule.style.setProperty('--mq-on-accent', textOn(accent), 'important');
  if (text && background && contrast(text, background) < 4.5) {
    console.warn(`<mesoquote-calculator>: text on background has a contrast of ${contrast(text, background).toFixed(2)}:1; WCAG AA asks for at least 4.5:1`);
  }
  if (accent && background && contrast(accent, background) < 3) {
    console.warn(`<mesoquote-calculator>: the accent on the background has a contrast of ${contrast(accent, background).toFixed(2)}:1; focus rings and the range bar need at least 3:1`);
  }
}
