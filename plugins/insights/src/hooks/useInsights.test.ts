import { InsightsApi } from '@cairn/plugin-insights-common';
import { loadEnvironments } from './useInsights';

const apiAnswering = (...answers: Array<() => Promise<any>>) => {
  const calls: string[] = [];
  const api = {
    listEnvironments: (entityRef: string) => {
      calls.push(entityRef);
      return answers[Math.min(calls.length, answers.length) - 1]();
    },
  } as unknown as InsightsApi;
  return { api, calls };
};

describe('loadEnvironments', () => {
  it('serves the card and the tabs of one page with one request per entity', async () => {
    const items = [{ environment: 'production' }];
    const { api, calls } = apiAnswering(async () => ({ items }));
    const lists = await Promise.all([
      loadEnvironments(api, 'component:default/a'),
      loadEnvironments(api, 'component:default/a'),
      loadEnvironments(api, 'component:default/a'),
      loadEnvironments(api, 'component:default/b'),
    ]);
    expect(lists.map(l => l.items)).toEqual([items, items, items, items]);
    expect(calls).toEqual(['component:default/a', 'component:default/b']);
  });

  it('forgets a failed request, so that the next render asks again', async () => {
    const { api, calls } = apiAnswering(
      async () => {
        throw new Error('503');
      },
      async () => ({ items: [] }),
    );
    await expect(loadEnvironments(api, 'component:default/a')).rejects.toThrow(
      '503',
    );
    await expect(loadEnvironments(api, 'component:default/a')).resolves.toEqual(
      { items: [] },
    );
    expect(calls).toHaveLength(2);
  });
});
