import { GovCloudError } from '../../domain/errors';
import { assertJapanRegion, JAPAN_REGIONS } from '../../domain/regions';

describe('assertJapanRegion (domain/regions.ts, REG-1)', () => {
  test.each(JAPAN_REGIONS)('returns %s', (region) => {
    expect(assertJapanRegion(region, 'CostGuard')).toBe(region);
  });

  test.each([
    ['us-east-1', 'CostGuard region "us-east-1" is not allowed [REG-1]'],
    [undefined, 'CostGuard region "(unresolved)" is not allowed [REG-1]'],
  ])('refuses %s with code RegionNotJapan, the fix and the construct path', (region, problem) => {
    let error: unknown;
    try {
      assertJapanRegion(region, 'CostGuard', { node: { path: 'Stack/Guard' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GovCloudError);
    expect(error).toMatchObject({ code: 'RegionNotJapan', requirement: 'REG-1' });
    expect((error as Error).message).toBe(
      `${problem}: set env.region of the stack to one of ap-northeast-1, ap-northeast-3. (at Stack/Guard)`,
    );
  });
});
