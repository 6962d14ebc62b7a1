import { Content, Header, Page } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { IngestionHealthContent } from './IngestionHealthContent';

const PAGE_TITLE = 'Ingestion';
const PAGE_SUBTITLE =
  'Delivery insights: what each source sent, what was refused and why, and the events no component claims';

/**
 * The ingestion health page. In the legacy system it brings its own header; in the new system the
 * app's page layout draws the header from the page extension's title, so it renders the content with
 * the subtitle as its first line.
 */
export function IngestionHealthPage(props: { header?: boolean }) {
  if (props.header === false) {
    return (
      <main>
        <Content>
          <Typography variant="body1" paragraph>
            {PAGE_SUBTITLE}.
          </Typography>
          <IngestionHealthContent />
        </Content>
      </main>
    );
  }
  return (
    <Page themeId="tool">
      <Header title={PAGE_TITLE} subtitle={PAGE_SUBTITLE} />
      <main>
        <Content>
          <IngestionHealthContent />
        </Content>
      </main>
    </Page>
  );
}
