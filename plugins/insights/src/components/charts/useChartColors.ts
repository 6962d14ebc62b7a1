import { useTheme } from '@material-ui/core/styles';

/** Chart colours from the MUI theme, so light and dark themes both read well. */
export function useChartColors() {
  const theme = useTheme();
  const p = theme.palette;
  return {
    primary: p.primary.main,
    secondary: p.secondary.main,
    good: p.success.main,
    bad: p.error.main,
    warning: p.warning.main,
    info: p.info.main,
    text: p.text.secondary,
    grid: p.divider,
    paper: p.background.paper,
    textPrimary: p.text.primary,
    stages: {
      coding: p.primary.main,
      pickup: p.warning.main,
      review: p.info.main,
      deploy: p.success.main,
    },
    /** What happened to ingested events: stored, updated, changed nothing, refused. */
    outcomes: {
      accepted: p.success.main,
      updated: p.info.main,
      ignored: p.grey[500],
      rejected: p.error.main,
    },
  };
}
