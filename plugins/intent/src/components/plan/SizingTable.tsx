import {
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Table } from '../common/ReadableTable';
import { Plan } from '@cairn/plugin-intent-common';
import { formatPlanValue } from '../../format/format';

/** Every number of the plan with the rule, formula and inputs that produced it. */
export const SizingTable = ({ plan }: { plan: Plan }) => (
  <Table size="small" aria-label="Sizing and why">
    <TableHead>
      <TableRow>
        <TableCell>Number</TableCell>
        <TableCell align="right">Value</TableCell>
        <TableCell>Why</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {plan.explanations.map(e => (
        <TableRow key={e.path}>
          <TableCell>
            <code>{e.path}</code>
          </TableCell>
          <TableCell align="right">
            {formatPlanValue(e.path, e.value)}
          </TableCell>
          <TableCell>
            <Typography variant="body2">{e.rule}</Typography>
            {e.formula && (
              <Typography variant="caption" color="textSecondary">
                {e.formula}
              </Typography>
            )}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
