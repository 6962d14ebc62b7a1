import { Tab, Tabs } from '@material-ui/core';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { useIntentLinks } from './useIntentLinks';

/** Switches between the environments list and the platform page. */
export const IntentTabs = () => {
  const links = useIntentLinks();
  const { pathname } = useLocation();
  const current = pathname.replace(/\/$/, '').endsWith('/platform')
    ? 'platform'
    : 'list';
  return (
    <Tabs
      value={current}
      indicatorColor="primary"
      aria-label="Environments pages"
      style={{ marginBottom: 16 }}
    >
      <Tab
        value="list"
        label="Environments"
        component={RouterLink}
        to={links.list}
      />
      <Tab
        value="platform"
        label="Platform rules"
        component={RouterLink}
        to={links.platform}
      />
    </Tabs>
  );
};
