import { Typography } from '@material-ui/core';
import { diffLines, isEmptyDiff, PlanDiff } from '@cairn/plugin-intent-common';

/**
 * What a version changes against the one before, one line each: services added, removed and kept with
 * their data, each size that moves, the cost, guardrails whose verdict moves, generated resources.
 */
export const PlanDiffList = ({
  diff,
  label,
}: {
  diff: PlanDiff;
  label: string;
}) => {
  if (isEmptyDiff(diff))
    return (
      <Typography variant="body2" color="textSecondary">
        The plan is unchanged (only the intent's descriptive fields moved).
      </Typography>
    );
  const lines = diffLines(diff);
  return (
    <ul aria-label={label} style={{ margin: 0, paddingLeft: 18 }}>
      {lines.map(line => (
        <li key={line}>
          <Typography variant="body2" style={{ overflowWrap: 'anywhere' }}>
            {line}
          </Typography>
        </li>
      ))}
    </ul>
  );
};
