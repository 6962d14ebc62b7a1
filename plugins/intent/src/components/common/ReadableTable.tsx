import { useEffect, useRef, useState } from 'react';
import {
  Table as BackstageTable,
  TableProps,
} from '@backstage/core-components';
import {
  Table as MuiTable,
  TableProps as MuiTableProps,
} from '@material-ui/core';
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
 * Every plain table of the plugin: MUI's Table that wraps between words, never inside one, and scrolls
 * sideways within its card when its content is wider. While it scrolls, the keyboard can reach it (a
 * tab stop named after the table), so its hidden columns are not for mouse users only.
 */
export const Table = (props: MuiTableProps) => {
  const classes = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() =>
      setScrolls(element.scrollWidth > element.clientWidth + 1),
    );
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={scroller}
      className={classes.scroll}
      {...(scrolls
        ? { tabIndex: 0, role: 'group', 'aria-label': props['aria-label'] }
        : {})}
    >
      <MuiTable
        {...props}
        className={[classes.table, props.className].filter(Boolean).join(' ')}
      />
    </div>
  );
};

/** For a cell of long unbroken values (logins, hosts, hashes): it may break inside them, its neighbours do not. */
export const LONG_VALUES = { overflowWrap: 'anywhere' } as const;

/** Backstage's theme lets a narrow column split words anywhere: words stay whole, only a word longer than a line breaks. */
const useWholeWords = makeStyles({
  root: {
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'break-word' },
  },
});

/**
 * Backstage's `Table` (material-table: paging, remote data, toolbar) as every list of the plugin uses
 * it: words kept whole, and columns not draggable (the drag handle puts a focusable element inside each
 * column's sort button, nested controls a screen reader cannot use).
 */
export function DataTable<T extends object>(props: TableProps<T>) {
  const classes = useWholeWords();
  return (
    <div className={classes.root}>
      <BackstageTable<T>
        {...props}
        options={{ ...props.options, draggable: false }}
      />
    </div>
  );
}
