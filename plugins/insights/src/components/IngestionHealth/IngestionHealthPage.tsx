import { Content, Header, Page } from '@backstage/core-components';
import { IngestionHealthContent } from './IngestionHealthContent';

const PAGE_TITLE = 'Delivery ingestion';
const PAGE_SUBTITLE =
  'What each source sent to delivery insights, what was refused and why, and the events no component claims';

/**
 * The ingestion health page. In the legacy system it brings its own header; in the new system the
 * app's page layout draws the header from the page extension's title, so it renders the content only.
 */
export function IngestionHealthPage(props: { header?: boolean }) {
  if (props.header === false) {
    return (
      <Content>
        <IngestionHealthContent />
      </Content>
    );
  }
  return (
    <Page themeId="tool">
      <Header title={PAGE_TITLE} subtitle={PAGE_SUBTITLE} />
      <Content>
        <IngestionHealthContent />
      </Content>
    </Page>
  );
}
