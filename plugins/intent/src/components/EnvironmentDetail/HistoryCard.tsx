import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { TableBody, TableCell, TableHead, TableRow } from '@material-ui/core';
import { LONG_VALUES, Table } from '../common/ReadableTable';
import { EnvironmentEvent } from '@cairn/plugin-intent-common';
import { formatTime } from '../../format/format';
import { useTimeZone } from '../../hooks/useTimeZone';

const Actor = ({ actor }: { actor: string }) =>
  /^(user|group):/.test(actor) ? (
    <EntityRefLink entityRef={actor} />
  ) : (
    <>{actor}</>
  );

/** Every change of the environment, oldest first: who did what, and the status it moved to. */
export const HistoryCard = ({ history }: { history: EnvironmentEvent[] }) => {
  const zone = useTimeZone();
  return (
    <InfoCard title="History">
      <Table size="small" aria-label="History">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>What</TableCell>
            <TableCell>Who</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Note</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {history.map((h, i) => (
            <TableRow key={`${h.at}:${h.type}:${i}`}>
              <TableCell>{formatTime(h.at, zone)}</TableCell>
              <TableCell>{h.type}</TableCell>
              <TableCell>
                <Actor actor={h.actor} />
              </TableCell>
              <TableCell>
                {h.fromStatus ? `${h.fromStatus} → ${h.toStatus}` : h.toStatus}
              </TableCell>
              <TableCell style={LONG_VALUES}>{h.message ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
