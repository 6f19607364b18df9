// `mesoquote catalog` as text: treatments, areas, tiers, package kinds and countries, from the
// catalog's JSON (the in-process text or GET /v1/catalog's answer).
import { table } from './table.js';

interface Sourced<T> {
  value: T;
}
interface CatalogDoc {
  dataVersion: string;
  treatments: Array<{
    id: string;
    name: string;
    pricePerSessionUsd: { low: Sourced<string>; typical: Sourced<string>; high: Sourced<string> };
    sessions: { min: Sourced<number>; typical: Sourced<number>; max: Sourced<number> };
    referenceArea: string;
    allowedAreas: string[];
  }>;
  areas: { areas: Array<{ id: string; name: string; factor: Sourced<string> }> };
  cityTiers: Array<{ id: string; name: string; factor: Sourced<string> }>;
  practitioners: Array<{ id: string; name: string; factor: Sourced<string> }>;
  packageKinds: Array<{ id: string; name: string }>;
  countries: Array<{ code: string; name: string; currency: string; namedInSeeds: boolean; priceLevel: Sourced<string> }>;
}

export const CATALOG_SECTIONS = ['treatments', 'areas', 'tiers', 'packages', 'countries'] as const;
export type CatalogSection = (typeof CATALOG_SECTIONS)[number];

export function catalogText(json: string, sections: readonly CatalogSection[]): string {
  const c = JSON.parse(json) as CatalogDoc;
  const parts: string[] = [];
  const want = (s: CatalogSection): boolean => sections.includes(s);
  if (want('treatments')) {
    parts.push(
      `Treatments (per-session USD band at the baseline; sessions min/typical/max)\n${table([
        ['id', 'name', 'per session USD', 'sessions', 'reference area', 'areas'],
        ...c.treatments.map((t) => [
          t.id,
          t.name,
          `${t.pricePerSessionUsd.low.value}-${t.pricePerSessionUsd.typical.value}-${t.pricePerSessionUsd.high.value}`,
          `${t.sessions.min.value}/${t.sessions.typical.value}/${t.sessions.max.value}`,
          t.referenceArea,
          t.allowedAreas.join(','),
        ]),
      ])}`,
    );
  }
  if (want('areas')) {
    parts.push(`Areas (price factor, face = 1)\n${table([['id', 'name', 'factor'], ...c.areas.areas.map((a) => [a.id, a.name, a.factor.value])])}`);
  }
  if (want('tiers')) {
    parts.push(
      `City tiers (--city-tier)\n${table([['id', 'name', 'factor'], ...c.cityTiers.map((t) => [t.id, t.name, t.factor.value])])}\n\n` +
        `Practitioners (--practitioner)\n${table([['id', 'name', 'factor'], ...c.practitioners.map((t) => [t.id, t.name, t.factor.value])])}`,
    );
  }
  if (want('packages')) {
    parts.push(`Package kinds (--package)\n${table([['id', 'name'], ...c.packageKinds.map((p) => [p.id, p.name])])}`);
  }
  if (want('countries')) {
    parts.push(
      `Countries (${c.countries.length}; * = named in the seed articles)\n${table([
        ['code', 'name', 'currency', 'price level'],
        ...c.countries.map((x) => [x.code, `${x.name}${x.namedInSeeds ? ' *' : ''}`, x.currency, x.priceLevel.value]),
      ])}`,
    );
  }
  parts.push(`data version: ${c.dataVersion}`);
  return `${parts.join('\n\n')}\n`;
}
