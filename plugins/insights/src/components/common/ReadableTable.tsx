import { Table as MuiTable, TableProps } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  // Wider than its card (long values, narrow screens): the table scrolls sideways inside it.
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  // Backstage's theme breaks table words anywhere ("requ este d" in a narrow column): words stay whole
  // and cells wrap between them; a cell with long unbroken values (hashes, paths) opts in to breaking.
  table: {
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'normal' },
  },
});

/**
 * Every table of the plugin: MUI's Table that wraps between words, never inside one, and scrolls
 * sideways within its card when its content is wider.
 */
export const Table = (props: TableProps) => {
  const classes = useStyles();
  return (
    <div className={classes.scroll}>
      <MuiTable
        {...props}
        className={[classes.table, props.className].filter(Boolean).join(' ')}
      />
    </div>
  );
};
