import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

/** Templates carrying this tag are the platform team's curated environment templates. */
export const CURATED_TEMPLATE_TAG = 'cairn';

/** The curated templates in the catalog, each linked to its form. */
export const TemplatesCard = () => {
  const catalogApi = useApi(catalogApiRef);
  const templates = useAsync(
    () =>
      catalogApi.getEntities({
        filter: { kind: 'Template', 'metadata.tags': CURATED_TEMPLATE_TAG },
      }),
    [catalogApi],
  );
  let body: JSX.Element;
  if (templates.error) body = <ResponseErrorPanel error={templates.error} />;
  else if (templates.loading || !templates.value) body = <Progress />;
  else if (templates.value.items.length === 0) {
    body = (
      <Typography variant="body2">
        No curated templates in the catalog. Templates tagged{' '}
        <code>{CURATED_TEMPLATE_TAG}</code> appear here: register Cairn's
        example templates (
        <code>
          @cairn/plugin-scaffolder-backend-module-intent/templates/all.yaml
        </code>
        ) or your own.
      </Typography>
    );
  } else {
    body = (
      <ul aria-label="Curated templates" style={{ margin: 0, paddingLeft: 20 }}>
        {templates.value.items.map(t => (
          <li key={t.metadata.name}>
            <Typography variant="body2">
              <Link
                underline="always"
                to={`/create/templates/${t.metadata.namespace ?? 'default'}/${
                  t.metadata.name
                }`}
              >
                {t.metadata.title ?? t.metadata.name}
              </Link>
              {t.metadata.description ? `: ${t.metadata.description}` : ''}
            </Typography>
          </li>
        ))}
      </ul>
    );
  }
  return <InfoCard title="Curated templates">{body}</InfoCard>;
};
