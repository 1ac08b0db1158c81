import { describe, expect, test } from 'vitest';

import { gradcheck } from '../helpers/gradcheck';
import { mismatches } from '../helpers/tolerance';

describe('test helpers can fail', () => {
  test('gradcheck rejects a wrong gradient', () => {
    // detach() hides one factor from backward, so the engine's gradient is a, not 2a.
    const square = { shape: [2, 3], data: [0.5, -1.2, 0.8, 1.5, -0.3, 2.0] };

    expect(() => gradcheck(([a]) => a.detach().mul(a), [square])).toThrow(/grad of input 0/);
  });

  test('mismatches flags values outside tolerance', () => {
    // 2.0001 is 5e-5 relative from 2, above 1e-5. 5e-7 is under the 1e-6 floor.
    expect(mismatches([1, 2.0001, 5e-7], [1, 2, 0])).toHaveLength(1);
  });

  test('mismatches flags a length difference', () => {
    expect(mismatches([1, 2], [1, 2, 3])).toEqual(['length 2, expected 3']);
  });
});
