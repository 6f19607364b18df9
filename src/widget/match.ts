// Type-ahead matching for the country combobox: pure, so it is tested without a browser.

export interface ComboOption {
  readonly value: string;
  readonly label: string;
  /** Other names that find it (the API's English name under a French label: "Germany" finds "Allemagne"). */
  readonly aliases?: readonly string[];
}

const names = (o: ComboOption): string[] => [o.label, ...(o.aliases ?? [])].map(fold);

/** Whether `query` (folded) is one of the option's names or its code, in full. */
export function namesExactly(o: ComboOption, query: string): boolean {
  const q = fold(query);
  return fold(o.value) === q || names(o).includes(q);
}

/** Lower case without accents, so "cote" finds "Côte d'Ivoire". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/** Options matching `query`: a code match first, then names (label or alias) starting with it, then names containing it. */
export function matchOptions(options: readonly ComboOption[], query: string): ComboOption[] {
  const q = fold(query);
  if (q === '') return [...options];
  const code = options.filter((o) => fold(o.value) === q);
  const starts = options.filter((o) => !code.includes(o) && names(o).some((n) => n.startsWith(q)));
  const contains = options.filter((o) => !code.includes(o) && !starts.includes(o) && names(o).some((n) => n.includes(q)));
  return [...code, ...starts, ...contains];
}
