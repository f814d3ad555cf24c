import * as pep440 from '@renovatebot/pep440';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { itOrdersAscending, itRejects, itTreatsAsEqual } from './__fixtures__/ordering-cases.js';
import { pypiOrdering } from './pypi.js';

describe('PyPI ordering (PEP 440)', () => {
  // The order PEP 440's own example gives, dev < pre < release < post, with local versions above their public one.
  itOrdersAscending(pypiOrdering, [
    '1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12.dev456', '1.0a12', '1.0b1.dev456', '1.0b2', '1.0b2.post345.dev456',
    '1.0b2.post345', '1.0rc1.dev456', '1.0rc1', '1.0', '1.0+abc.5', '1.0+abc.7', '1.0+5', '1.0.post456.dev34', '1.0.post456', '1.0.15', '1.1.dev1',
  ]);
  // Epochs outrank everything else.
  itOrdersAscending(pypiOrdering, ['2013.10', '2014.04', '1!1.0', '1!1.1', '2!0.1']);
  // GHSA-xqr8-7jwr-rhp7 writes certifi's bounds with leading zeros; lockfiles do not.
  itOrdersAscending(pypiOrdering, ['2015.04.27', '2015.4.28.1', '2022.9.24', '2022.12.7', '2023.5.7', '2023.07.22']);
  itTreatsAsEqual(pypiOrdering, [
    ['2015.04.28', '2015.4.28'],
    ['2023.07.22', '2023.7.22'],
    ['1.0', '1.0.0'],
    ['1.0RC1', '1.0rc1'],
    ['1.0c1', '1.0rc1'],
    ['1.0-post1', '1.0.post1'],
    ['v1.0', '1.0'],
    ['1.0+Ubuntu-1', '1.0+ubuntu.1'],
  ]);
  itRejects(pypiOrdering, ['latest', '1.0-foo', '', '1.0+']);

  it('normalises to the PEP 440 normal form', () => {
    expect(pypiOrdering.normalise('2015.04.28')).toBe('2015.4.28');
    expect(pypiOrdering.normalise('1.0-RC1')).toBe('1.0rc1');
    expect(pypiOrdering.normalise('1!2.0-post2')).toBe('1!2.0.post2');
    expect(pypiOrdering.normalise('1.0+Ubuntu-1')).toBe('1.0+ubuntu.1');
  });
});

describe('PyPI ordering agrees with the library', () => {
  // Every version the cases above use, and a generated spread of epochs, pre/post/dev releases and local parts.
  const listed = ['1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12', '1.0b2.post345.dev456', '1.0rc1', '1.0', '1.0+abc.5', '1.0+5', '1.0.post456.dev34', '1.0.15', '1!1.0', '2015.04.28', '1.0RC1', 'v1.0', '1.0+Ubuntu-1'];
  const generated = fc.stringMatching(/^([1-2]!)?[0-2](\.[0-2]){0,2}((a|b|rc)[0-2])?(\.post[0-2])?(\.dev[0-2])?(\+([a-c]|[0-2])(\.([a-c]|[0-2]))?)?$/);

  it('compares as pep440.compare does, on listed and generated versions', () => {
    for (const a of listed) for (const b of listed) expect([a, b, pypiOrdering.compare(a, b)]).toEqual([a, b, Math.sign(pep440.compare(a, b))]);
    fc.assert(
      fc.property(generated, generated, (a, b) => pypiOrdering.compare(a, b) === Math.sign(pep440.compare(a, b))),
      { numRuns: 2000 },
    );
  });
});
