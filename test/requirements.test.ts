import * as fs from 'fs';
import * as path from 'path';
import { GOVCLOUD_RULES } from '../lib/nag/govcloud-rules';
import { RESPONSIBILITIES } from '../lib/report/responsibilities';
import { isRequirementId, REQUIREMENTS } from '../domain/requirements';

// The catalog is kept twice: docs/REQUIREMENTS.md for people, domain/requirements.ts for code.
const doc = fs.readFileSync(path.join(__dirname, '../docs/REQUIREMENTS.md'), 'utf8');
const docRows = [...doc.matchAll(/^\| ([A-Z]+-\d+) \| (.*?) \| (.*?) \| (.*?) \| (.*?) \|$/gm)];

describe('requirement catalog', () => {
  test('domain/requirements.ts holds exactly the rows of docs/REQUIREMENTS.md, word for word', () => {
    expect(docRows.map((m) => m[1])).toEqual(REQUIREMENTS.map((r) => r.id));
    for (const [, id, text, source, where, expectation] of docRows) {
      const req = REQUIREMENTS.find((r) => r.id === id)!;
      expect([req.requirement, req.source, req.where.join(', '), req.expectation]).toEqual([
        text,
        source,
        where,
        expectation,
      ]);
    }
  });

  test('every rule cites requirement IDs that exist', () => {
    const cited = GOVCLOUD_RULES.flatMap((r) => r.requirements);
    expect(cited.filter((id) => !isRequirementId(id))).toEqual([]);
    expect(isRequirementId('LOG-99')).toBe(false);
  });

  test('every requirement states the split between templates and operator (EVD-2)', () => {
    for (const { id } of REQUIREMENTS) {
      const r = RESPONSIBILITIES[id];
      expect([id, r.covered.length > 10, r.operator.length > 10, r.operatorJa.length > 5]).toEqual([
        id,
        true,
        true,
        true,
      ]);
    }
  });
});
