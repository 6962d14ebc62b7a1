import { InputError } from '@backstage/errors';
import { Provider } from '../intent/intentSchema';
import { PriceRow, PriceTable } from '../platform/priceTable';

const indexes = new WeakMap<PriceTable, Map<string, PriceRow>>();

function indexOf(table: PriceTable): Map<string, PriceRow> {
  let index = indexes.get(table);
  if (!index) {
    index = new Map(
      table.rows.map(r => [`${r.provider}|${r.region}|${r.sku}`, r]),
    );
    indexes.set(table, index);
  }
  return index;
}

/** The price row for a SKU in a region; a missing row is a platform configuration error naming what is missing. */
export function lookupPrice(
  table: PriceTable,
  provider: Provider,
  region: string,
  sku: string,
): PriceRow {
  const row = indexOf(table).get(`${provider}|${region}|${sku}`);
  if (!row) {
    throw new InputError(
      `price table ${table.version} has no price for ${provider} ${region} ${sku}; add a row for it`,
    );
  }
  return row;
}
