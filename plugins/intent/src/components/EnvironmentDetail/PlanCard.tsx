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
import { CostEstimate, Plan } from '@cairn/plugin-intent-common';
import { formatNumber, formatUsd } from '../../format/format';
import { CostAtScales } from '../plan/CostAtScales';
import { SizingTable } from '../plan/SizingTable';

const CostLines = ({ cost }: { cost: CostEstimate }) => (
  <Table size="small" aria-label="Cost lines at today's load">
    <TableHead>
      <TableRow>
        <TableCell>Resource</TableCell>
        <TableCell>SKU</TableCell>
        <TableCell align="right">Quantity</TableCell>
        <TableCell align="right">Monthly (expected–peak)</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {cost.lines.map((l, i) => (
        <TableRow key={`${l.resource}:${l.sku}:${i}`}>
          <TableCell>
            <Typography variant="body2">{l.resource}</Typography>
            <Typography variant="caption" color="textSecondary">
              {l.description}
            </Typography>
          </TableCell>
          <TableCell>
            {l.sku}
            {l.illustrative ? ' *' : ''}
          </TableCell>
          <TableCell align="right">
            {formatNumber(l.quantityHigh)} {l.unit}
          </TableCell>
          <TableCell align="right">
            {formatUsd(l.monthlyLowUsd)}–{formatUsd(l.monthlyHighUsd)}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** The plan: sizing with the reason for each number, and the cost at 1×, 10× and 100×. */
export const PlanCard = (props: { plan: Plan; cost: CostEstimate }) => {
  const { plan, cost } = props;
  return (
    <InfoCard
      title="Plan"
      subheader={`${plan.level} intent, ${plan.workload} on ${
        plan.target.provider
      } (${plan.target.runtime}) in ${plan.target.regions.join(', ')}, ${
        plan.availability.band
      }`}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} md={4}>
          <Typography variant="subtitle2">Cost by load</Typography>
          <CostAtScales cost={cost} plan={plan} />
          <Typography variant="caption" color="textSecondary" component="p">
            Prices {cost.priceTableVersion}
            {cost.illustrative ? '; * marks illustrative prices' : ''}.
          </Typography>
        </Grid>
        <Grid item xs={12} md={8}>
          <Typography variant="subtitle2">Sizing and why</Typography>
          <SizingTable plan={plan} />
        </Grid>
        <Grid item xs={12}>
          <Typography variant="subtitle2">Cost lines at 1×</Typography>
          <CostLines cost={cost} />
          {cost.assumptions.length > 0 && (
            <ul aria-label="Cost assumptions">
              {cost.assumptions.map(a => (
                <li key={a}>
                  <Typography variant="caption">{a}</Typography>
                </li>
              ))}
            </ul>
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
};
