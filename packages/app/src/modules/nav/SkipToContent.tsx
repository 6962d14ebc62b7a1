import { MouseEvent } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // Out of sight until the keyboard reaches it: the first stop of every page.
  link: {
    position: 'fixed',
    left: -10_000,
    top: theme.spacing(1),
    zIndex: theme.zIndex.tooltip + 1,
    padding: theme.spacing(1, 2),
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    border: `2px solid ${theme.palette.primary.main}`,
    borderRadius: theme.shape.borderRadius,
    '&:focus': { left: theme.spacing(1) },
  },
}));

/** The page's content: its main landmark, else its article, else its first heading. */
function contentOf(doc: Document): HTMLElement | null {
  return (
    doc.querySelector<HTMLElement>('main, [role="main"]') ??
    doc.querySelector<HTMLElement>('article') ??
    doc.querySelector<HTMLElement>('h1')
  );
}

/**
 * "Skip to content": the first thing the Tab key reaches on every page, before the sidebar's many
 * links; it moves the focus to the page's content, so the next Tab lands in the page itself.
 */
export function SkipToContent() {
  const classes = useStyles();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const target = contentOf(document);
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  };
  return (
    <a href="#content" className={classes.link} onClick={skip}>
      Skip to content
    </a>
  );
}
