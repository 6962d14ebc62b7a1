import { InfoCard, Link } from '@backstage/core-components';
import {
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Table } from '../common/ReadableTable';
import { PriceTable } from '@cairn/plugin-intent-common';

type Source = {
  source: string;
  providers: Set<string>;
  skus: Set<string>;
  dates: Set<string>;
  illustrative: number;
  rows: number;
};

/** A source as written in the table: its leading URL is a link, any note after it is text. */
const SourceText = ({ source }: { source: string }) => {
  const match = /^(https?:\/\/\S+)(.*)$/.exec(source);
  if (!match) return <>{source}</>;
  return (
    <>
      <Link underline="always" to={match[1]}>
        {match[1]}
      </Link>
      {match[2]}
    </>
  );
};

/** The price table's version and where its numbers come from, per source page. */
export const PricesCard = ({ prices }: { prices: PriceTable }) => {
  const bySource = new Map<string, Source>();
  for (const row of prices.rows) {
    const s = bySource.get(row.source) ?? {
      source: row.source,
      providers: new Set(),
      skus: new Set(),
      dates: new Set(),
      illustrative: 0,
      rows: 0,
    };
    s.providers.add(row.provider);
    s.skus.add(row.sku);
    s.dates.add(row.date);
    s.rows += 1;
    if (row.illustrative) s.illustrative += 1;
    bySource.set(row.source, s);
  }
  const illustrative = prices.rows.filter(r => r.illustrative).length;
  return (
    <InfoCard
      title="Prices"
      subheader={`Price table ${prices.version}, ${prices.rows.length} prices in ${prices.currency} (list, on demand)`}
    >
      {illustrative > 0 && (
        <Typography variant="body2" paragraph>
          {illustrative} of {prices.rows.length} prices are illustrative:
          written from the source page without a stored copy to check against.
        </Typography>
      )}
      <Table size="small" aria-label="Price sources">
        <TableHead>
          <TableRow>
            <TableCell>Source</TableCell>
            <TableCell>Provider</TableCell>
            <TableCell>SKUs</TableCell>
            <TableCell>Read on</TableCell>
            <TableCell align="right">Prices (illustrative)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {[...bySource.values()].map(s => (
            <TableRow key={s.source}>
              <TableCell>
                <SourceText source={s.source} />
              </TableCell>
              <TableCell>{[...s.providers].join(', ')}</TableCell>
              <TableCell>{[...s.skus].join(', ')}</TableCell>
              <TableCell>{[...s.dates].join(', ')}</TableCell>
              <TableCell align="right">
                {s.rows} ({s.illustrative})
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
