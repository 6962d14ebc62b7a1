import { Theme } from '@material-ui/core/styles';

/**
 * Text colours for good, bad, warning and informative states that stay readable as small text: at
 * least 4.5:1 on a card and on the page's background in both themes. The theme's own status colours
 * (error.main and friends) are meant for icons and fills and fall to 2–3.7:1 as text.
 */
export function tones(theme: Theme) {
  const dark = theme.palette.type === 'dark';
  return {
    good: dark ? '#81c784' : '#2e7d32',
    bad: dark ? '#ef9a9a' : '#c62828',
    warn: dark ? '#ffcc80' : '#8a4b00',
    info: dark ? '#90caf9' : '#0d5aa7',
  };
}
