import { toCsv } from './DrillDownTable';

describe('toCsv', () => {
  it('writes the columns with a field as raw values, the link last, quoting what needs it', () => {
    const csv = toCsv<{ id: string; title: string; at: string; url?: string }>(
      [
        { title: 'Change', field: 'id' },
        { title: 'Title', field: 'title' },
        { title: 'Merged', field: 'at' },
        { title: 'Drawn only', render: () => 'x' },
      ],
      [
        {
          id: 'c1',
          title: 'fix: "quotes", commas',
          at: '2026-11-02T10:00:00Z',
          url: 'https://git.example/pull/1',
        },
        { id: 'c2', title: '=SUM(A1)', at: '2026-11-03T10:00:00Z' },
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'Change,Title,Merged,URL',
      'c1,"fix: ""quotes"", commas",2026-11-02T10:00:00Z,https://git.example/pull/1',
      "c2,'=SUM(A1),2026-11-03T10:00:00Z,",
      '',
    ]);
  });
});
