// A comparison site's price grid through the typed client: one treatment in every country of a
// list, for each practitioner tier, all in one currency, priced in a single batch call and ranked.
//
//   npm start                                   (in another terminal)
//   npx tsx examples/comparison-grid.ts http://127.0.0.1:3000 hair-restoration EUR
//
// tests/client/example.test.ts runs it against a started server.
import { pathToFileURL } from 'node:url';
import { createMesoquoteClient, isProblem, type EstimateRequest, type MesoquoteClient } from 'mesoquote/client';

export const COUNTRIES = ['US', 'CA', 'GB', 'FR', 'DE', 'ES', 'IT', 'BR', 'MX', 'KR', 'JP', 'AU'] as const;
export const PRACTITIONERS = ['non-physician', 'physician', 'specialist'] as const;

export interface GridCell {
  readonly country: string;
  readonly practitioner: (typeof PRACTITIONERS)[number];
  /** Decimal strings, as the API sends them. */
  readonly typical: string;
  readonly low: string;
  readonly high: string;
}

/** Every country x practitioner cell in one POST /v1/estimates/batch; a cell the API refuses is reported, not dropped. */
export async function priceGrid(client: MesoquoteClient, treatment: string, currency: string, countries: readonly string[] = COUNTRIES): Promise<{ cells: GridCell[]; refused: string[] }> {
  const requests: EstimateRequest[] = countries.flatMap((country) => PRACTITIONERS.map((practitioner) => ({ treatment, country, practitioner, currency })));
  const results = await client.estimateBatch(requests);
  const cells: GridCell[] = [];
  const refused: string[] = [];
  results.forEach((result, i) => {
    const request = requests[i] as EstimateRequest & { country: string; practitioner: GridCell['practitioner'] };
    if (isProblem(result)) refused.push(`${request.country}/${request.practitioner}: ${result.code}: ${result.detail}`);
    else cells.push({ country: request.country, practitioner: request.practitioner, ...result.total });
  });
  // Cheapest first. A comparison site sorts by amount; compare decimals as decimals, not floats:
  // equal minor units, so a longer integer part is larger, and otherwise the text order is the order.
  cells.sort((a, b) => a.typical.length - b.typical.length || a.typical.localeCompare(b.typical));
  return { cells, refused };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [baseUrl = 'http://127.0.0.1:3000', treatment = 'hair-restoration', currency = 'EUR'] = process.argv.slice(2);
  const { cells, refused } = await priceGrid(createMesoquoteClient({ baseUrl }), treatment, currency);
  console.log(`${treatment}, typical course total in ${currency}, cheapest first`);
  for (const c of cells) console.log(`${c.country}  ${c.practitioner.padEnd(13)}  ${c.typical.padStart(10)}  (${c.low} to ${c.high})`);
  for (const r of refused) console.log(`refused: ${r}`);
}
