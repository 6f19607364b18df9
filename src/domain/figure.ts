// A figure from the data files: its value and where it comes from. Its own module because both
// the catalog and the package model use it, and neither should import the other for it.
import type { Decimal } from 'decimal.js';

/** A parsed figure and the id of the source it comes from. */
export interface Figure {
  readonly value: Decimal;
  readonly source: string;
  readonly year?: number;
}
