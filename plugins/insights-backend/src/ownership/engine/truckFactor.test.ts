import {
  authorsOf,
  degreeOfAuthorship,
  HistoryCommit,
  replayHistory,
  truckFactor,
} from './truckFactor';

/* Hand-computed cases of ../shared/DESIGN.md, "Ownership" (Avelino et al., ICPC 2016). */

let n = 0;
const commit = (
  author: string,
  changes: HistoryCommit['changes'],
  merge = false,
): HistoryCommit => ({ sha: `c${++n}`, author, changes, merge });
const add = (path: string) => ({ status: 'A' as const, path });
const mod = (path: string) => ({ status: 'M' as const, path });

describe('degree of authorship', () => {
  it('follows the formula: the creator, later changes, others’ changes', () => {
    const [file] = replayHistory([
      commit('a@x', [add('f')]),
      ...Array.from({ length: 10 }, () => commit('b@x', [mod('f')])),
    ]).values();
    // A: 3.293 + 1.098 − 0.321·ln(11); B: 3.293 + 0.164·10 − 0.321·ln(2).
    expect(degreeOfAuthorship(file, 'a@x')).toBeCloseTo(
      3.293 + 1.098 - 0.321 * Math.log(11),
      12,
    );
    expect(degreeOfAuthorship(file, 'b@x')).toBeCloseTo(
      3.293 + 1.64 - 0.321 * Math.log(2),
      12,
    );
    // 3.621 / 4.711 = 0.769 > 0.75: both author it.
    expect(authorsOf(file)).toEqual(['a@x', 'b@x']);
  });

  it('drops the creator once another developer’s changes outweigh it past the 0.75 ratio', () => {
    const [file] = replayHistory([
      commit('a@x', [add('f')]),
      ...Array.from({ length: 12 }, () => commit('b@x', [mod('f')])),
    ]).values();
    // A: 4.391 − 0.321·ln(13) = 3.568; B: 3.293 + 1.968 − 0.222 = 5.038; 0.708 < 0.75.
    expect(authorsOf(file)).toEqual(['b@x']);
  });

  it('does not make an author of someone below 3.293 who did not create the file', () => {
    const [file] = replayHistory([
      commit('a@x', [add('old.ts')]),
      commit('b@x', [{ status: 'R', from: 'old.ts', path: 'new.ts' }]),
    ]).values();
    // The rename keeps the history and the creator; B's one change: 3.293 + 0.164 − 0.222 = 3.235.
    expect(file.path).toBe('new.ts');
    expect(file.creator).toBe('a@x');
    expect(degreeOfAuthorship(file, 'b@x')).toBeLessThan(3.293);
    expect(authorsOf(file)).toEqual(['a@x']);
  });
});

describe('truck factor', () => {
  it('is 1 when one developer wrote everything', () => {
    const files = [
      ...replayHistory([
        commit('a@x', [add('f1'), add('f2'), add('f3'), add('f4')]),
      ]).values(),
    ];
    expect(truckFactor(files)).toMatchObject({
      truckFactor: 1,
      removed: ['a@x'],
    });
  });

  it('removes the developer with the most files, ties to more changes then the lower email', () => {
    const files = [
      ...replayHistory([
        commit('b@x', [add('f1'), add('f2')]),
        commit('a@x', [add('f3'), add('f4')]),
        commit('c@x', [add('f5'), add('f6'), add('f7')]),
        commit('b@x', [mod('f1')]),
      ]).values(),
    ];
    // C authors 3 files; A and B 2 each, B with more changes. After C: 4 of 7 covered (≥ half), after B:
    // 2 of 7 (< half): TF 2.
    expect(truckFactor(files)).toMatchObject({
      truckFactor: 2,
      removed: ['c@x', 'b@x'],
    });
  });

  it('counts only current members: files whose authors left are uncovered from the start', () => {
    const files = [
      ...replayHistory([
        commit('gone@x', [add('f1'), add('f2'), add('f3')]),
        commit('b@x', [add('f4')]),
      ]).values(),
    ];
    const result = truckFactor(files, { current: new Set(['b@x']) });
    // 1 of 4 covered: already below half, TF 0.
    expect(result).toMatchObject({ truckFactor: 0, coveredAtStart: 1 });
    expect(truckFactor(files).truckFactor).toBe(1);
  });

  it('skips merge commits, forgets deleted files and keeps files without an author in the total', () => {
    const history = replayHistory([
      commit('a@x', [add('f1'), add('f2')]),
      commit('m@x', [mod('f1'), mod('f1')], true),
      commit('a@x', [{ status: 'D', path: 'f2' }]),
    ]);
    expect([...history.keys()]).toEqual(['f1']);
    expect(history.get('f1')!.changes).toEqual(new Map([['a@x', 1]]));
    const unknown = { path: 'old', creator: null, changes: new Map() };
    // One of two files has an author: exactly half is kept, so A is removed; TF 1.
    expect(truckFactor([history.get('f1')!, unknown]).truckFactor).toBe(1);
    // Nothing authored at all: TF 0.
    expect(truckFactor([unknown]).truckFactor).toBe(0);
  });
});
