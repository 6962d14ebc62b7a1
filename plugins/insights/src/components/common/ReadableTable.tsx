import { useEffect, useRef, useState } from 'react';
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
 * sideways within its card when its content is wider. While it scrolls, the keyboard can reach it (a
 * tab stop named after the table), so its hidden columns are not for mouse users only.
 */
export const Table = (props: TableProps) => {
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

/**
 * For Backstage's `Table` (material-table), whose theme lets a narrow column split words anywhere: a
 * class for its container that keeps words whole, breaking only a word longer than a whole line.
 */
export const useWholeWords = makeStyles({
  root: {
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'break-word' },
  },
});
