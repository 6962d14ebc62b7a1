import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Grid, Typography } from '@material-ui/core';
import { usePlatformConfig } from '../../hooks/useIntent';
import { AssumptionsCard } from './AssumptionsCard';
import { ComplianceProfilesCard } from './ComplianceProfilesCard';
import { PoliciesCard } from './PoliciesCard';
import { PricesCard } from './PricesCard';
import { SizeCatalogCard } from './SizeCatalogCard';
import { TemplatesCard } from './TemplatesCard';

/**
 * The rules developers are held to, as the intent backend applies them: the curated templates, every
 * guardrail with its CEL, the size catalog, the prices and their sources, the planning assumptions.
 */
export const PlatformContent = () => {
  const platform = usePlatformConfig();
  let rules: JSX.Element;
  if (platform.error) {
    rules = (
      <Grid item xs={12}>
        <ResponseErrorPanel error={platform.error} />
      </Grid>
    );
  } else if (platform.loading || !platform.value) {
    rules = (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  } else {
    const { config, version } = platform.value;
    rules = (
      <>
        <Grid item xs={12}>
          <Typography variant="body2">
            Platform configuration <code>{version.slice(0, 12)}…</code>: every
            environment records the version it was planned with.
          </Typography>
        </Grid>
        <Grid item xs={12}>
          <PoliciesCard platform={platform.value} />
        </Grid>
        <Grid item xs={12}>
          <ComplianceProfilesCard
            profiles={config.complianceProfiles}
            replaced={platform.value.overrides.changedComplianceProfiles}
          />
        </Grid>
        <Grid item xs={12}>
          <SizeCatalogCard catalog={config.sizeCatalog} />
        </Grid>
        <Grid item xs={12}>
          <PricesCard prices={config.priceTable} />
        </Grid>
        <Grid item xs={12}>
          <AssumptionsCard assumptions={config.assumptions} />
        </Grid>
      </>
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <TemplatesCard />
      </Grid>
      {rules}
    </Grid>
  );
};
