import { InfoCard } from '@backstage/core-components';
import {
  Grid,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Table } from '../common/ReadableTable';
import { SizeCatalog, sizeClasses } from '@cairn/plugin-intent-common';
import { formatNumber } from '../../format/format';

/** The neutral size classes, what each means per resource, and the SKU each provider runs. */
export const SizeCatalogCard = ({ catalog }: { catalog: SizeCatalog }) => {
  const providers = Object.keys(catalog.providers) as Array<
    keyof SizeCatalog['providers']
  >;
  return (
    <InfoCard title="Size catalog" subheader={`Version ${catalog.version}`}>
      <Table size="small" aria-label="Size classes">
        <TableHead>
          <TableRow>
            <TableCell>Class</TableCell>
            <TableCell>Compute (per instance)</TableCell>
            <TableCell>Database</TableCell>
            <TableCell>Cache</TableCell>
            {providers.map(p => (
              <TableCell key={p}>Database SKU, {p}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {sizeClasses.map(c => (
            <TableRow key={c}>
              <TableCell>{c}</TableCell>
              <TableCell>
                {formatNumber(catalog.compute[c].vcpu)} vCPU,{' '}
                {formatNumber(catalog.compute[c].memoryGb)} GB
              </TableCell>
              <TableCell>
                {formatNumber(catalog.database[c].vcpu)} vCPU,{' '}
                {formatNumber(catalog.database[c].memoryGb)} GB, up to{' '}
                {formatNumber(catalog.database[c].maxQps)} queries/s
              </TableCell>
              <TableCell>
                {formatNumber(catalog.cache[c].memoryGb)} GB, up to{' '}
                {formatNumber(catalog.cache[c].maxOpsPerSecond)} ops/s
              </TableCell>
              {providers.map(p => (
                <TableCell key={p}>
                  <code>{catalog.providers[p].database[c]}</code>
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="subtitle2" style={{ marginTop: 16 }}>
        Regions
      </Typography>
      <Grid container spacing={2}>
        {providers.map(p => (
          <Grid item xs={12} md={4} key={p}>
            <Typography variant="body2">
              <strong>{p}</strong>:{' '}
              {Object.entries(catalog.providers[p].regions)
                .map(([region, info]) => `${region} (${info.geography})`)
                .join(', ')}
            </Typography>
          </Grid>
        ))}
      </Grid>
    </InfoCard>
  );
};
