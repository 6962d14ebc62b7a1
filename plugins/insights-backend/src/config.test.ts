import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { readInsightsConfig } from './config';

const zoneOf = (data: JsonObject) =>
  readInsightsConfig(mockServices.rootConfig({ data })).defaultTimezone;

describe('readInsightsConfig: the zone days are counted in', () => {
  it("is insights' own, else the portal's (cairn.timeZone), else UTC", () => {
    expect(
      zoneOf({
        insights: { defaultTimezone: 'Asia/Tokyo' },
        cairn: { timeZone: 'Europe/Berlin' },
      }),
    ).toBe('Asia/Tokyo');
    expect(zoneOf({ cairn: { timeZone: 'Europe/Berlin' } })).toBe(
      'Europe/Berlin',
    );
    expect(zoneOf({})).toBe('UTC');
  });

  it('refuses a zone that is not an IANA zone, naming the key it came from', () => {
    expect(() => zoneOf({ cairn: { timeZone: 'Mars/Olympus' } })).toThrow(
      "cairn.timeZone: 'Mars/Olympus' is not an IANA time zone",
    );
    expect(() => zoneOf({ insights: { defaultTimezone: 'CET+1' } })).toThrow(
      "insights.defaultTimezone: 'CET+1' is not an IANA time zone",
    );
  });
});
