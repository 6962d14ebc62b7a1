import {
  Box,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Table } from '../common/ReadableTable';
import { CostAtLoad, CostEstimate, Plan } from '@cairn/plugin-intent-common';
import { formatMonthlyRange } from '../../format/format';

const CostTable = ({ rows }: { rows: CostAtLoad[] }) => {
  return (
    <Table size="small" aria-label="Monthly cost by load">
      <TableHead>
        <TableRow>
          <TableCell>Load</TableCell>
          <TableCell align="right">Monthly cost (expected–peak)</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(r => (
          <TableRow key={r.loadFactor}>
            <TableCell>{r.loadFactor}×</TableCell>
            <TableCell align="right">
              {formatMonthlyRange(r.totalLowUsd, r.totalHighUsd)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/**
 * The monthly cost at today's load and at 10× and 100× ("build for 10×, design for 100×"), and the
 * provider limits a load runs into, with what to do about them.
 */
export const CostAtScales = ({
  cost,
  plan,
}: {
  cost: CostEstimate;
  plan?: Plan;
}) => {
  const rows = [cost, ...cost.scales];
  const limits = plan
    ? [plan, ...plan.scales].flatMap(core =>
        (core.limits ?? []).map(limit => ({ ...limit, at: core.loadFactor })),
      )
    : [];
  return (
    <>
      <CostTable rows={rows} />
      {limits.length > 0 && (
        <Box mt={1} role="note" aria-label="Provider limits">
          {limits.map(limit => (
            <Typography
              key={`${limit.at}-${limit.field}`}
              variant="body2"
              color="error"
              gutterBottom
            >
              At {limit.at}×: {limit.message}
            </Typography>
          ))}
        </Box>
      )}
    </>
  );
};
