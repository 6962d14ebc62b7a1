import { Assumptions } from '../platform/assumptions';
import { PriceTable, PriceUnit } from '../platform/priceTable';
import { SizeCatalog } from '../platform/sizeCatalog';
import { Plan, PlanCore } from '../plan/planTypes';
import { costMeters, meterAssumptions } from './costMeters';
import { lookupPrice } from './lookupPrice';

export type CostLine = {
  resource: string;
  description: string;
  region: string;
  sku: string;
  unit: PriceUnit;
  quantityLow: number;
  quantityHigh: number;
  unitPriceUsd: number;
  monthlyLowUsd: number;
  monthlyHighUsd: number;
  /** The price row was not checked against a stored copy of its source. */
  illustrative: boolean;
  priceSource: string;
};

export type CostAtLoad = {
  loadFactor: number;
  lines: CostLine[];
  totalLowUsd: number;
  totalHighUsd: number;
};

/** A monthly cost estimate at 1× (top level) and at each scaled load. */
export type CostEstimate = CostAtLoad & {
  currency: 'USD';
  priceTableVersion: string;
  /** True when any line uses an illustrative price. */
  illustrative: boolean;
  /** The usage assumptions behind the quantities, as sentences. */
  assumptions: string[];
  scales: CostAtLoad[];
};

const cents = (n: number) => Math.round(n * 100) / 100;

function costAtLoad(
  core: PlanCore,
  plan: Plan,
  prices: PriceTable,
  catalog: SizeCatalog,
  a: Assumptions,
): CostAtLoad {
  const lines = costMeters(core, plan, catalog, a).map(m => {
    const row = lookupPrice(prices, plan.target.provider, m.region, m.sku);
    return {
      ...m,
      quantityLow: cents(m.quantityLow),
      quantityHigh: cents(m.quantityHigh),
      unit: row.unit,
      unitPriceUsd: row.usd,
      monthlyLowUsd: cents(m.quantityLow * row.usd),
      monthlyHighUsd: cents(m.quantityHigh * row.usd),
      illustrative: row.illustrative,
      priceSource: row.source,
    };
  });
  return {
    loadFactor: core.loadFactor,
    lines,
    totalLowUsd: cents(lines.reduce((s, l) => s + l.monthlyLowUsd, 0)),
    totalHighUsd: cents(lines.reduce((s, l) => s + l.monthlyHighUsd, 0)),
  };
}

/** Prices a plan with a price table: per line and in total, low and high, at 1×, 10× and 100×. */
export function estimateCost(
  plan: Plan,
  config: {
    priceTable: PriceTable;
    sizeCatalog: SizeCatalog;
    assumptions: Assumptions;
  },
): CostEstimate {
  const { priceTable, sizeCatalog, assumptions } = config;
  const base = costAtLoad(plan, plan, priceTable, sizeCatalog, assumptions);
  const scales = plan.scales.map(s =>
    costAtLoad(s, plan, priceTable, sizeCatalog, assumptions),
  );
  return {
    currency: 'USD',
    priceTableVersion: priceTable.version,
    ...base,
    illustrative: [base, ...scales].some(c =>
      c.lines.some(l => l.illustrative),
    ),
    assumptions: meterAssumptions(assumptions),
    scales,
  };
}
