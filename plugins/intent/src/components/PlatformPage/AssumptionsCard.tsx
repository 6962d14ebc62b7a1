import { InfoCard } from '@backstage/core-components';
import { TableBody, TableCell, TableHead, TableRow } from '@material-ui/core';
import { Table } from '../common/ReadableTable';
import { Assumptions } from '@cairn/plugin-intent-common';

function show(value: unknown): string {
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join(', ');
  }
  return String(value);
}

/** The numbers the planner assumes when an intent does not say them. */
export const AssumptionsCard = ({
  assumptions,
}: {
  assumptions: Assumptions;
}) => {
  const { version, ...values } = assumptions;
  return (
    <InfoCard title="Planning assumptions" subheader={`Version ${version}`}>
      <Table size="small" aria-label="Planning assumptions">
        <TableHead>
          <TableRow>
            <TableCell>Assumption</TableCell>
            <TableCell>Value</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {Object.entries(values).map(([key, value]) => (
            <TableRow key={key}>
              <TableCell>
                <code>{key}</code>
              </TableCell>
              <TableCell>{show(value)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
