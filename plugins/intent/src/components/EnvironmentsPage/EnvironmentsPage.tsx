import { Content, Header, Page } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { Route, Routes, useParams } from 'react-router-dom';
import { IntentTabs } from '../common/IntentTabs';
import { EnvironmentDetailContent } from '../EnvironmentDetail/EnvironmentDetailContent';
import { PlatformContent } from '../PlatformPage/PlatformContent';
import { EnvironmentsListContent } from './EnvironmentsListContent';

const TITLE = 'Environments';
const SUBTITLE =
  'Self-service environments: who owns what, what it costs, when it expires, and the rules every request is held to';

const EnvironmentRoute = () => {
  const { id } = useParams();
  return <EnvironmentDetailContent id={id!} />;
};

const Pages = () => (
  <Routes>
    <Route
      path="/"
      element={
        <>
          <IntentTabs />
          <EnvironmentsListContent />
        </>
      }
    />
    <Route
      path="/platform"
      element={
        <>
          <IntentTabs />
          <PlatformContent />
        </>
      }
    />
    <Route path="/:id" element={<EnvironmentRoute />} />
  </Routes>
);

/**
 * The environments page with its sub-pages: the list (`/`), the platform rules (`/platform`) and one
 * environment (`/<id>`). In the legacy system it brings its own header; in the new system the app's
 * page layout draws the header from the page extension's title.
 */
export function EnvironmentsPage(props: { header?: boolean }) {
  if (props.header === false) {
    return (
      <main>
        <Content>
          <Typography variant="body1" paragraph>
            {SUBTITLE}.
          </Typography>
          <Pages />
        </Content>
      </main>
    );
  }
  return (
    <Page themeId="tool">
      <Header title={TITLE} subtitle={SUBTITLE} />
      <main>
        <Content>
          <Pages />
        </Content>
      </main>
    </Page>
  );
}
