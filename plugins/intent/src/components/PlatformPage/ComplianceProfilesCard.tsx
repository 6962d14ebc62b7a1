import { InfoCard } from '@backstage/core-components';
import {
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Table } from '../common/ReadableTable';
import {
  ComplianceControl,
  ComplianceProfiles,
} from '@cairn/plugin-intent-common';

/** What each control does to generated infrastructure, in the words of the people who read audits. */
function describe(control: ComplianceControl): string {
  switch (control.control) {
    case 'customer-managed-keys':
      return 'Data services encrypted with a key of the environment, rotated yearly (AWS KMS); refused on clouds where Cairn does not generate one yet';
    case 'audit-logging':
      return `Database audit and access logs kept ${control.retentionDays} days`;
    case 'backup-retention':
      return `Database backups kept at least ${control.minDays} days (raised automatically; an explicit lower value is refused)`;
    case 'tls-only':
      return 'Every data service refuses unencrypted connections';
    case 'data-residency':
      return `Every region in the ${control.geography.toUpperCase()}`;
    case 'deletion-protection':
      return 'Databases (on Azure, the whole resource group) cannot be deleted until the protection is lifted';
    case 'tags':
      return 'Every resource tagged compliance=<profiles>';
    default:
      return '';
  }
}

/**
 * The compliance profiles an intent may name (spec.constraints.compliance), each a set of controls that
 * change what is generated; a plan that misses one is denied by the compliance-controls check.
 */
export const ComplianceProfilesCard = ({
  profiles,
  replaced = [],
}: {
  profiles?: ComplianceProfiles;
  /** Profiles this portal's configuration replaced. */
  replaced?: string[];
}) => (
  <InfoCard
    title="Compliance profiles"
    subheader="What naming a profile in spec.constraints.compliance changes in the generated infrastructure"
  >
    {replaced.length > 0 && (
      <Typography variant="body2" gutterBottom>
        Replaced in this portal's configuration: {replaced.join(', ')}.
      </Typography>
    )}
    {profiles ? (
      <Table size="small" aria-label="Compliance profiles">
        <TableHead>
          <TableRow>
            <TableCell>Profile</TableCell>
            <TableCell>Control</TableCell>
            <TableCell>What it does</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {Object.entries(profiles).flatMap(([name, profile]) =>
            profile.controls.map((control, i) => (
              <TableRow key={`${name}-${control.control}`}>
                <TableCell>
                  {i === 0 && (
                    <>
                      <strong>{name}</strong>
                      <Typography variant="caption" component="p">
                        {profile.description}
                      </Typography>
                    </>
                  )}
                </TableCell>
                <TableCell>
                  <code>{control.control}</code>
                </TableCell>
                <TableCell>{describe(control)}</TableCell>
              </TableRow>
            )),
          )}
        </TableBody>
      </Table>
    ) : (
      <Typography variant="body2">
        This intent backend predates compliance profiles: upgrade it to see and
        apply them.
      </Typography>
    )}
  </InfoCard>
);
