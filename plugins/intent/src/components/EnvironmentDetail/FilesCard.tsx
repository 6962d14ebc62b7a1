import { useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { Table } from '../common/ReadableTable';
import { EnvironmentFileInfo } from '@cairn/plugin-intent-common';
import { useEnvironmentFile } from '../../hooks/useIntent';
import { formatBytes } from '../../format/format';

const FileDialog = (props: {
  environmentId: string;
  path: string;
  onClose: () => void;
}) => {
  const content = useEnvironmentFile(props.environmentId, props.path);
  let body: JSX.Element;
  if (content.error) body = <ResponseErrorPanel error={content.error} />;
  else if (content.loading) body = <Progress />;
  else {
    body = (
      <pre
        aria-label={`Content of ${props.path}`}
        style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}
      >
        {content.value}
      </pre>
    );
  }
  return (
    <Dialog open onClose={props.onClose} maxWidth="lg" fullWidth>
      <DialogTitle>{props.path}</DialogTitle>
      <DialogContent dividers>{body}</DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};

/**
 * The files the registry keeps for the environment (plan outputs and the bundle), each with its hash;
 * any one can be opened. The bundle hash covers the bundle's files.
 */
export const FilesCard = (props: {
  environmentId: string;
  files: EnvironmentFileInfo[];
  bundleSha256: string;
}) => {
  const [open, setOpen] = useState<string | undefined>();
  return (
    <InfoCard
      title="Files"
      subheader={`The plan's outputs and the bundle (bundle SHA-256 ${props.bundleSha256.slice(
        0,
        12,
      )}…)`}
    >
      <Table size="small" aria-label="Kept files">
        <TableHead>
          <TableRow>
            <TableCell>Path</TableCell>
            <TableCell align="right">Size</TableCell>
            <TableCell>SHA-256</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {props.files.map(f => (
            <TableRow key={f.path}>
              <TableCell>
                <code>{f.path}</code>
              </TableCell>
              <TableCell align="right">{formatBytes(f.bytes)}</TableCell>
              <TableCell>
                <code title={f.sha256}>{f.sha256.slice(0, 16)}…</code>
              </TableCell>
              <TableCell>
                <Button
                  size="small"
                  onClick={() => setOpen(f.path)}
                  aria-label={`View ${f.path}`}
                >
                  View
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {open && (
        <FileDialog
          environmentId={props.environmentId}
          path={open}
          onClose={() => setOpen(undefined)}
        />
      )}
    </InfoCard>
  );
};
