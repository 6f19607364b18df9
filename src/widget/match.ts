// Type-ahead matching for the country combobox: pure, so it is tested without a browser.

export interface ComboOption {
  readonly value: string;
  readonly label: string;
}

/** Lower case without accents, so "cote" finds "Côte d'Ivoire". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/** Options matching `query`: a code match first, then names starting with it, then names containing it. */
export function matchOptions(options: readonly ComboOption[], query: string): ComboOption[] {
  const q = fold(query);
  if (q === '') return [...options];
  const code = options.filter((o) => fold(o.value) === q);
  const starts = options.filter((o) => !code.includes(o) && fold(o.label).startsWith(q));
  const contains = options.filter((o) => !code.includes(o) && !starts.includes(o) && fold(o.label).includes(q));
  return [...code, ...starts, ...contains];
}
