// The SVG range bar drawn from its geometry (bar-geometry.ts), with a text alternative.
import { BAR, type BarGeometry } from './bar-geometry.js';
import { svg } from './dom.js';

/** The bar as an SVG image whose accessible name says in words what it draws. */
export function rangeBar(g: BarGeometry, label: string): SVGSVGElement {
  const { width, height, trackY, trackHeight } = BAR;
  const mid = trackY + trackHeight / 2;
  const parts: SVGElement[] = [
    svg('title', {}, label),
    svg('rect', { class: 'track', x: g.low - 4, y: trackY, width: g.high - g.low + 8, height: trackHeight, rx: trackHeight / 2 }),
  ];
  if (g.likely) {
    parts.push(
      svg('rect', { class: 'likely', x: g.likely.from - 2, y: trackY - 4, width: Math.max(4, g.likely.to - g.likely.from + 4), height: trackHeight + 8, rx: 4 }),
      svg('line', { class: 'median', x1: g.likely.median, x2: g.likely.median, y1: trackY - 4, y2: trackY + trackHeight + 4 }),
    );
  }
  parts.push(
    svg('circle', { class: 'end', cx: g.low, cy: mid, r: 5 }),
    svg('circle', { class: 'end', cx: g.high, cy: mid, r: 5 }),
    svg('path', { class: 'typical', d: `M ${g.typical - 7} 2 L ${g.typical + 7} 2 L ${g.typical} ${trackY - 1} Z` }),
  );
  return svg('svg', { class: 'bar', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, focusable: 'false' }, ...parts) as SVGSVGElement;
}
