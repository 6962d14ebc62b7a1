import { mapIssue } from './mapIssue';

const config = {
  labels: ['incident'],
  componentLabelPrefix: 'component:',
  severityLabelPrefix: 'severity:',
  environmentLabelPrefix: 'environment:',
  components: new Map([['acme/ops', 'checkout-service']]),
};

const issue = (
  labels: string[],
  state = 'open',
  closedAt: number | null = null,
) => ({
  number: 7,
  title: '  Checkout down  ',
  url: 'https://github.com/acme/ops/issues/7',
  state,
  createdAt: Date.parse('2026-03-01T10:00:00Z'),
  updatedAt: Date.parse('2026-03-01T12:00:00Z'),
  closedAt,
  labels,
});
const repository = { repository: 'github.com/acme/ops', fullName: 'acme/ops' };

describe('mapIssue', () => {
  it('maps only issues with an incident label', () => {
    expect(mapIssue(issue(['bug']), repository, config)).toBeUndefined();
  });

  it('takes component, severity and environment from labels', () => {
    expect(
      mapIssue(
        issue(
          [
            'Incident',
            'component: cart',
            'severity:sev1',
            'environment:eu-prod',
          ],
          'closed',
          Date.parse('2026-03-01T11:00:00Z'),
        ),
        repository,
        config,
      ),
    ).toEqual({
      type: 'incident',
      source: 'github',
      id: 'acme/ops#7',
      repository: 'github.com/acme/ops',
      component: 'cart',
      environment: 'eu-prod',
      severity: 'sev1',
      title: 'Checkout down',
      url: 'https://github.com/acme/ops/issues/7',
      detectedAt: '2026-03-01T10:00:00.000Z',
      resolvedAt: '2026-03-01T11:00:00.000Z',
      updatedAt: '2026-03-01T12:00:00.000Z',
    });
  });

  it("falls back to the repository's configured component, and leaves a reopened issue open", () => {
    const mapped = mapIssue(
      issue(['incident'], 'open', Date.parse('2026-03-01T11:00:00Z')),
      repository,
      config,
    );
    expect(mapped).toMatchObject({
      component: 'checkout-service',
      environment: 'production',
    });
    expect(mapped).not.toHaveProperty('resolvedAt');
    expect(
      mapIssue(
        issue(['incident']),
        { repository: 'github.com/acme/x', fullName: 'acme/x' },
        config,
      ),
    ).not.toHaveProperty('component');
  });
});
