import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { TrendIndicator } from './TrendIndicator';

const perWeek = (value: number | null) =>
  value === null ? '–' : `${value}/week`;

describe('TrendIndicator', () => {
  it('names the previous value once when there is no relative change (it was zero)', async () => {
    await renderInTestApp(
      <TrendIndicator
        trend={{ previous: 0, change: null, direction: 'up', better: true }}
        periodLabel="the previous 30 days"
        format={perWeek}
      />,
    );
    expect(screen.getByText('from 0/week')).toBeInTheDocument();
    expect(screen.queryByText(/vs/)).not.toBeInTheDocument();
    expect(
      screen.getByLabelText(
        'up from 0/week against the previous 30 days (0/week), better',
      ),
    ).toBeInTheDocument();
  });

  it('shows the change and the value it is compared with', async () => {
    await renderInTestApp(
      <TrendIndicator
        trend={{ previous: 4, change: 0.25, direction: 'up', better: true }}
        periodLabel="the previous 30 days"
        format={perWeek}
      />,
    );
    expect(screen.getByText(/\+25% vs 4\/week/)).toBeInTheDocument();
  });

  it('says unchanged against the previous value', async () => {
    await renderInTestApp(
      <TrendIndicator
        trend={{ previous: 4, change: 0, direction: 'flat', better: null }}
        periodLabel="the previous 30 days"
        format={perWeek}
      />,
    );
    expect(screen.getByText('unchanged vs 4/week')).toBeInTheDocument();
  });
});
