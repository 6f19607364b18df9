// The attributes of <mesoquote-calculator>, in one DOM-free module: the element observes them,
// and the server's demo page (src/http/widget-page.ts) lets its address preset all but `api`.
export const ATTRIBUTES = [
  'api',
  'clinic',
  'treatment',
  'areas',
  'country',
  'city-tier',
  'practitioner',
  'sessions',
  'package',
  'currency',
  'locale',
  'labels',
  'rounding',
  'cta-href',
  'cta-label',
  'accent-color',
  'text-color',
  'background-color',
] as const;

export type Attribute = (typeof ATTRIBUTES)[number];
