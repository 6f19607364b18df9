// The examples of the README and of the API guide (docs/api.md) work as shown: each request they
// print answers with the figures their comments quote. If the data changes a figure, this fails
// until the documents are updated.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { testApp } from '../support/app.js';

const readme = ['README.md', 'docs/api.md'].map((file) => readFileSync(`${packageRoot()}/${file}`, 'utf8')).join('\n');
let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const post = (body: string) => app.inject({ method: 'POST', url: '/v1/estimates', headers: { 'content-type': 'application/json' }, payload: body });

describe('README examples', () => {
  it('prints each example request as it is tested here', () => {
    for (const text of [
      `-d '{"treatment":"skin-rejuvenation"}'`,
      `-d '{"treatment":"hair-restoration","country":"DE","cityTier":"major-metro"}'`,
      `/v1/estimates?treatment=skin-rejuvenation&areas=face,neck&country=JP&practitioner=specialist`,
      `-d '{"treatment":"fat-reduction","sessions":0,"colour":"red"}'`,
      `-d '{"treatment":"hair-restoration","areas":["face"]}'`,
    ]) {
      expect(readme).toContain(text);
    }
  });

  it('skin rejuvenation at the baseline answers the quoted bands and totals', async () => {
    const e = (await post('{"treatment":"skin-rejuvenation"}')).json();
    expect(e.perSession).toEqual({ low: '250.00', typical: '360.00', high: '600.00' });
    expect(e.sessions).toEqual({ low: 3, typical: 5, high: 6 });
    expect(e.total).toEqual({ low: '750.00', typical: '1800.00', high: '3600.00' });
    expect(readme).toContain('total 750.00 / 1800.00 / 3600.00');
  });

  it('hair restoration in a major German city answers the quoted euro total', async () => {
    const e = (await post('{"treatment":"hair-restoration","country":"DE","cityTier":"major-metro"}')).json();
    expect(e.currency.code).toBe('EUR');
    expect(readme).toContain(`total.typical "${e.total.typical}" EUR`);
  });

  it('the GET example answers the quoted yen total without decimals', async () => {
    const res = await app.inject({ url: '/v1/estimates?treatment=skin-rejuvenation&areas=face,neck&country=JP&practitioner=specialist' });
    const e = res.json();
    expect(e.currency.code).toBe('JPY');
    expect(e.total.typical).toMatch(/^\d+$/);
    expect(readme).toContain(`total.typical "${e.total.typical}" JPY`);
  });

  it('the prepaid-course example answers the quoted list total, discount and total', async () => {
    const e = (await post('{"treatment":"fat-reduction","package":{"kind":"prepaid-course"}}')).json();
    expect(readme).toContain(`listTotal.typical "${e.listTotal.typical}", discount.typical "${e.discount.typical}", total.typical "${e.total.typical}"`);
  });

  it('the batch and compare examples answer 200 with one result per item and per cell', async () => {
    const batch = await app.inject({ method: 'POST', url: '/v1/estimates/batch', headers: { 'content-type': 'application/json' }, payload: '{"items":[{"treatment":"hair-restoration","country":"FR"},{"treatment":"botox"}]}' });
    expect(batch.json().results.map((r: { code?: string }) => r.code ?? 'estimate')).toEqual(['estimate', 'unknown-treatment']);
    const body = '{"base":{"treatment":"hair-restoration"},"vary":{"country":["US","FR","IN"],"practitioner":["physician","specialist"]},"currency":"EUR"}';
    expect(readme).toContain(body);
    const compare = await app.inject({ method: 'POST', url: '/v1/estimates/compare', headers: { 'content-type': 'application/json' }, payload: body });
    expect(compare.json().cells).toHaveLength(6);
  });

  it('the scenarios example answers the quoted totals of ownership and financing', async () => {
    const body = readme.match(/-H 'accept: text\/csv' \\\n  -d '(\{"base".*\})'/)?.[1];
    expect(body).toBeDefined();
    const json = (await app.inject({ method: 'POST', url: '/v1/scenarios', headers: { 'content-type': 'application/json' }, payload: body! })).json();
    const tco = json.options.map((o: { levels: { typical: { totalCostOfOwnership: string } } }) => o.levels.typical.totalCostOfOwnership).join(' / ');
    const financed = json.options[2].levels.typical.financing;
    expect(readme).toContain(`typical total cost of ownership ${tco}; financed: ${financed.monthlyPayment} a month, ${financed.totalInterest} interest`);
    const csv = await app.inject({ method: 'POST', url: '/v1/scenarios', headers: { 'content-type': 'application/json', accept: 'text/csv' }, payload: body! });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
  });

  it('the bad requests answer the quoted problems', async () => {
    const bad = await post('{"treatment":"fat-reduction","sessions":0,"colour":"red"}');
    expect(bad.statusCode).toBe(400);
    const messages = bad.json().errors.map((e: { pointer: string; message: string }) => `${e.pointer} ${e.message}`);
    expect(messages).toContain('/sessions must be a whole number from 1 to 30');
    expect(messages.some((m: string) => m.startsWith("/colour 'colour' is not a field here; allowed fields: treatment, areas"))).toBe(true);

    const area = await post('{"treatment":"hair-restoration","areas":["face"]}');
    expect(area.statusCode).toBe(422);
    expect(area.json().errors[0].message).toBe("hair-restoration is not offered on 'face'; allowed areas: scalp");
    expect(readme).toContain("hair-restoration is not offered on 'face'; allowed areas: scalp");
  });
});
