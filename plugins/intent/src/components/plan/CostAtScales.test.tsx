import {
  defaultPlatformConfig,
  estimateCost,
  outcomeIntentYaml,
  parseIntent,
  planIntent,
} from '@cairn/plugin-intent-common';
import { render, screen, within } from '@testing-library/react';
import { CostAtScales } from './CostAtScales';

const NOW = new Date('2026-11-22T10:00:00Z');
const evaluate = (yaml: string) => {
  const plan = planIntent(parseIntent(yaml), defaultPlatformConfig, {
    now: NOW,
  });
  return { plan, cost: estimateCost(plan, defaultPlatformConfig) };
};

describe('CostAtScales', () => {
  it('shows the cost at each load and the provider limit 100× runs into', () => {
    const { plan, cost } = evaluate(
      outcomeIntentYaml
        .replace('provider: aws', 'provider: azure')
        .replace('region: eu-west-1', 'region: westeurope'),
    );
    render(<CostAtScales cost={cost} plan={plan} />);
    const table = screen.getByRole('table', { name: 'Monthly cost by load' });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(r => r.firstChild!.textContent),
    ).toEqual(['1×', '10×', '100×']);
    expect(
      within(screen.getByRole('note', { name: 'Provider limits' })).getByText(
        /^At 100×: 17 replicas of the largest class would carry this load; Azure Database for PostgreSQL flexible server allows 5 per primary\. Shard the data/,
      ),
    ).toBeInTheDocument();
  });

  it('shows no limits when every load fits', () => {
    const { plan, cost } = evaluate(
      outcomeIntentYaml
        .replace(', objectStorage, cdn]', ']')
        .replace(
          'services: [postgres, redis, queue]',
          'services: [redis, queue]',
        ),
    );
    render(<CostAtScales cost={cost} plan={plan} />);
    expect(screen.queryByRole('note')).toBeNull();
  });
});
