// Measures brotli and gzip sizes and times on the catalog, the widget and one estimate, to choose
// the quality settings of src/http/compression.ts: `npx tsx scripts/compression-measure.ts`.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { testApp } from '../tests/support/app.js';
const app = await testApp();
for (const url of ['/v1/catalog', '/widget.js', '/v1/estimates?treatment=fat-reduction&areas=abdomen&country=FR&cityTier=city&practitioner=physician']) {
  const body = (await app.inject({ method: 'GET', url })).rawPayload;
  const row: string[] = [`${url.slice(0, 30)} raw ${body.length}`];
  for (const q of [1, 4, 5, 6, 9, 11]) {
    const t = performance.now(); let out = 0; for (let i = 0; i < 20; i++) out = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: q } }).length;
    row.push(`br${q} ${out}B ${((performance.now() - t) / 20).toFixed(2)}ms`);
  }
  for (const l of [1, 6, 9]) {
    const t = performance.now(); let out = 0; for (let i = 0; i < 20; i++) out = gzipSync(body, { level: l }).length;
    row.push(`gz${l} ${out}B ${((performance.now() - t) / 20).toFixed(2)}ms`);
  }
  console.log(row.join(' | '));
}
await app.close();
