import { citeSource, REQUIREMENTS, SOURCE_DOCUMENTS } from '../../domain/requirements';

test('a source is cited by the document title, issuer and year, never by its number alone', () => {
  expect(citeSource('002 Table 1 ①, 004 §5')).toBe(
    '「地方公共団体情報システムのガバメントクラウドの利用に関する基準」(デジタル庁, 2022) Table 1 ①, ' +
      '「第二期政府共通プラットフォームにおけるクラウドサービス契約の取組」(総務省 行政管理局, 2020) §5',
  );
  expect(citeSource('public practice (AWS guidance)')).toBe('public practice (AWS guidance)');
});

test('every document number the catalog cites is a known document', () => {
  const cited = REQUIREMENTS.flatMap((r) =>
    [...r.source.matchAll(/\b(\d{3})(?= |$|,)/g)].map((m) => m[1]),
  );
  expect(cited.length).toBeGreaterThan(40);
  expect(cited.filter((n) => SOURCE_DOCUMENTS[n] === undefined)).toEqual([]);
  for (const r of REQUIREMENTS) {
    expect(citeSource(r.source)).not.toMatch(/(^|[ ,])\d{3} /);
  }
});
