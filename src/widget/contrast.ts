// WCAG 2 contrast between two sRGB colours, for the colours an embedder sets by attribute.

export type Rgb = readonly [number, number, number];

/** "rgb(10, 79, 150)" or "rgba(10 79 150 / 1)" as computed by the browser; undefined for other forms. */
export function parseRgb(computed: string): Rgb | undefined {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(computed);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Relative luminance (WCAG 2.x definition). */
export function luminance([r, g, b]: Rgb): number {
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** (L1 + 0.05) / (L2 + 0.05), the lighter colour on top: 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export function textOn(background: Rgb): '#ffffff' | '#111111' {
  return contrast(background, [255, 255, 255]) >= contrast(background, [17, 17, 17]) ? '#ffffff' : '#111111';
}
