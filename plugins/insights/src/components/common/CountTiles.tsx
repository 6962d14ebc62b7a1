import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(110px, 1fr))',
    gap: theme.spacing(1),
  },
  tile: {
    padding: theme.spacing(1),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  count: { fontSize: '1.5rem', fontWeight: 600 },
}));

/** Counts side by side, each a big number over its label (a team card's states or bands). */
export function CountTiles(props: {
  tiles: Array<{ key: string; label: string; count: number }>;
}) {
  const classes = useStyles();
  return (
    <div className={classes.tiles}>
      {props.tiles.map(t => (
        <div className={classes.tile} key={t.key}>
          <div className={classes.count}>{t.count}</div>
          <Typography variant="body2">{t.label}</Typography>
        </div>
      ))}
    </div>
  );
}
