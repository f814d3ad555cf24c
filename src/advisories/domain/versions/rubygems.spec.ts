import { describe, expect, it } from '@jest/globals';
import { itOrdersAscending, itRejects, itTreatsAsEqual } from './__fixtures__/ordering-cases.js';
import { rubyGemsOrdering } from './rubygems.js';

describe('RubyGems ordering (Gem::Version)', () => {
  // 4-part versions (rack 2.2.8.1) and letter segments as pre-releases (google-protobuf 4.0.0.rc.1).
  itOrdersAscending(rubyGemsOrdering, ['0.4', '2.2.7', '2.2.8', '2.2.8.1', '2.2.9', '3.0.0', '3.0.9', '3.0.9.1', '3.0.10']);
  itOrdersAscending(rubyGemsOrdering, ['3.25.5', '4.0.0.rc.0', '4.0.0.rc.1', '4.0.0.rc.2', '4.0.0', '4.27.5', '4.28.0.rc.1', '4.28.0', '4.28.2']);
  itOrdersAscending(rubyGemsOrdering, ['1.0.a', '1.0.a.1', '1.0.b1', '1.0.pre', '1.0.rc1', '1.0', '1.0.0.1']);
  // Letters compare byte-wise, as Ruby's String#<=> does: upper case before lower case.
  itOrdersAscending(rubyGemsOrdering, ['1.0.RC1', '1.0.alpha', '1.0.beta', '1.0.rc1']);
  itTreatsAsEqual(rubyGemsOrdering, [['1.0', '1.0.0'], ['6.3', '6.3.0.0'], ['1.0-1', '1.0.pre.1'], ['0', '0.0'], ['1.0.rc.1.0', '1.0.0.rc.1']]);
  itRejects(rubyGemsOrdering, ['', '1..0', 'one', '1.0 beta']);

  it('keeps the version as written', () => {
    expect(rubyGemsOrdering.normalise('2.2.8.1')).toBe('2.2.8.1');
  });
});
