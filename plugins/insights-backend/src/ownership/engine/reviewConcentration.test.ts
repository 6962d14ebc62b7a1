import { reviewConcentration, ReviewInput } from './reviewConcentration';

const H = 3_600_000;
const D = 24 * H;
const change = (
  reviewer: string | null,
  openedAt: number,
  waitHours: number,
): ReviewInput => ({
  reviewer,
  openedAt,
  firstReviewAt: openedAt + waitHours * H,
});

describe('review concentration (hand-computed)', () => {
  it('shares of the top reviewer and the top two, distinct reviewers, unknown reviewers left out', () => {
    const r = reviewConcentration([
      change('ana', 0, 1),
      change('ana', D, 1),
      change('ana', 2 * D, 1),
      change('bo', 3 * D, 2),
      change('cy', 4 * D, 2),
      change(null, 5 * D, 3),
    ]);
    expect(r).toMatchObject({
      reviewed: 6,
      withReviewer: 5,
      distinctReviewers: 3,
      topShare: 3 / 5,
      topTwoShare: 4 / 5,
      concentrated: true,
    });
    expect(r.reviewers.map(x => [x.reviewer, x.reviews])).toEqual([
      ['ana', 3],
      ['bo', 1],
      ['cy', 1],
    ]);
  });

  it('compares pickup while the top reviewer is present (a first review within a day) and away', () => {
    // Ana reviews on days 0–2 (1 h waits). Day 10: opened, Ana gives nothing within a day, Bo picks
    // it up after 30 h; day 20 likewise after 50 h. Days 0–2 changes are "present".
    const r = reviewConcentration([
      change('ana', 0, 1),
      change('ana', D, 1),
      change('ana', 2 * D, 3),
      change('bo', 10 * D, 30),
      change('bo', 20 * D, 50),
    ]);
    expect(r.pickup).toEqual({
      presentMedianSeconds: 1 * 3600,
      presentChanges: 3,
      awayMedianSeconds: 40 * 3600,
      awayChanges: 2,
    });
    // 3 of 5 is above half anyway.
    expect(r.concentrated).toBe(true);
  });

  it('is not concentrated with many reviewers and no slowdown, nor with too few reviews to say', () => {
    const spread = reviewConcentration(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((who, i) => change(who, i * D, 2)),
    );
    expect(spread).toMatchObject({ topShare: 1 / 6, concentrated: false });
    const few = reviewConcentration([change('a', 0, 1), change('a', D, 1)]);
    expect(few).toMatchObject({ topShare: 1, concentrated: false });
    expect(reviewConcentration([])).toMatchObject({
      reviewed: 0,
      topShare: null,
      topTwoShare: null,
      concentrated: false,
      pickup: { presentMedianSeconds: null, awayMedianSeconds: null },
    });
  });

  it('counts a change as present when the top reviewer reviewed anything within a day of its opening', () => {
    // Two changes opened the same hour: Ana reviews one after 2 h, so both are "present".
    const r = reviewConcentration([change('ana', 0, 2), change('bo', 0, 20)]);
    expect(r.pickup).toMatchObject({ presentChanges: 2, awayChanges: 0 });
  });
});
