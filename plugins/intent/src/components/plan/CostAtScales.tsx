import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { CostEstimate } from '@cairn/plugin-intent-common';
import { formatMonthlyRange } from '../../format/format';

/** The monthly cost at today's load and at 10× and 100× ("build for 10×, design for 100×"). */
export const CostAtScales = ({ cost }: { cost: CostEstimate }) => {
  const rows = [cost, ...cost.scales];
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
