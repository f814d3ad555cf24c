import { describe, expect, it } from '@jest/globals';
import { classifyByReachability } from './classify.js';

describe('classifyByReachability', () => {
  it('marks what only dev edges reach as development, optional-only paths as optional', () => {
    const edges = [
      { from: 'root', to: 'a', kind: 'prod' as const },
      { from: 'root', to: 'd', kind: 'dev' as const },
      { from: 'root', to: 'o', kind: 'optional' as const },
      { from: 'a', to: 'b', kind: 'prod' as const },
      { from: 'd', to: 'b', kind: 'prod' as const },
      { from: 'd', to: 'x', kind: 'prod' as const },
      { from: 'o', to: 'y', kind: 'prod' as const },
    ];
    const result = classifyByReachability(['root'], edges, ['a', 'b', 'd', 'x', 'o', 'y', 'orphan']);
    expect(result.get('a')).toEqual({ scope: 'required', development: false, direct: true });
    expect(result.get('b')).toEqual({ scope: 'required', development: false, direct: false });
    expect(result.get('d')).toEqual({ scope: 'optional', development: true, direct: true });
    expect(result.get('x')).toEqual({ scope: 'optional', development: true, direct: false });
    expect(result.get('o')).toEqual({ scope: 'optional', development: false, direct: true });
    expect(result.get('y')).toEqual({ scope: 'optional', development: false, direct: false });
    expect(result.get('orphan')).toEqual({ scope: 'required', development: false, direct: false });
  });
});
