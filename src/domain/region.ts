// How the country moves a US price: the regional model.
import type { Decimal } from 'decimal.js';
import { Dec } from './money.js';

const ONE = new Dec(1);

/**
 * Price-level factor of a country:
 *   factor = (1 - passThrough) + passThrough * priceLevel
 * where priceLevel is the World Bank PPP price level relative to the US (US = 1) and passThrough
 * is the share of a session's price that follows local prices (staff, rent) rather than
 * internationally traded inputs (the injected products, equipment, training). The US gets 1.
 */
export function priceLevelFactor(priceLevel: Decimal, passThrough: Decimal): Decimal {
  return ONE.minus(passThrough).plus(passThrough.times(priceLevel));
}
