/**
 * 全国地方公共団体コード (local government code): five digits plus a check digit.
 *
 * The check digit is computed from the first five digits weighted 6, 5, 4, 3, 2: it is the
 * last digit of 11 minus (weighted sum mod 11). E.g. 千代田区 131016, 札幌市 011002.
 * The first two digits are the prefecture (01 北海道 … 47 沖縄県).
 */
export function localGovernmentCodeProblem(code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) {
    return 'must be exactly 6 digits (5 digits and a check digit)';
  }
  const prefecture = Number(code.slice(0, 2));
  if (prefecture < 1 || prefecture > 47) {
    return `starts with prefecture ${code.slice(0, 2)}, but prefectures are 01 to 47`;
  }
  const expected = checkDigit(code.slice(0, 5));
  if (Number(code[5]) !== expected) {
    return `has check digit ${code[5]}, but the first five digits give ${expected}`;
  }
  return undefined;
}

/** The check digit of a five-digit body. */
export function checkDigit(body: string): number {
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return (11 - (sum % 11)) % 10;
}
