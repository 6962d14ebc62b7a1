import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DoraRollup } from '@cairn/plugin-insights-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';

/** The components that most need attention, worst first, with the backend's reasons. */
export function AttentionList(props: {
  attention: DoraRollup['attention'];
  limit?: number;
}) {
  const items = props.attention.slice(0, props.limit ?? props.attention.length);
  if (items.length === 0) {
    return (
      <Typography variant="body2">
        No component stands out: no unrecovered failures, no open incidents, and
        no worst value of the team below the benchmark's top tier.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Components that need attention">
      {items.map(item => (
        <ListItem key={item.entityRef} disableGutters>
          <ListItemText
            primary={
              <EntityRefLink
                entityRef={item.entityRef}
                defaultKind="component"
              />
            }
            secondary={item.reasons.join('; ')}
            secondaryTypographyProps={{ style: { whiteSpace: 'normal' } }}
          />
        </ListItem>
      ))}
    </List>
  );
}
