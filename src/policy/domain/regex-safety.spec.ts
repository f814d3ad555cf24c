import { describe, expect, it } from '@jest/globals';
import { unsafeRegexReason } from './regex-safety.js';

describe('unsafeRegexReason', () => {
  it.each([
    ['corp\\.internal', undefined],
    ['\\bDE\\d{20}\\b', undefined],
    ['(?:https?|ftp)://[^\\s/]+', undefined],
    ['(ab|cd)*x', undefined],
    ['[(a+)+]', undefined],
    ['\\(a+\\)+', undefined],
    ['(a?){3}', undefined],
    ['(a+)+$', 'repeats a group that itself repeats (like "(a+)+"), which can make matching take exponential time'],
    ['(\\w*x?)*', 'repeats a group that itself repeats (like "(a+)+"), which can make matching take exponential time'],
    ['((ab)+c){2,}', 'repeats a group that itself repeats (like "(a+)+"), which can make matching take exponential time'],
    ['(?:[a-z]+\\.)+com', 'repeats a group that itself repeats (like "(a+)+"), which can make matching take exponential time'],
    ['(a)\\1', 'uses a back-reference, which can make matching very slow'],
    ['([a-z]', 'is not a valid regular expression (/([a-z]/u: Unterminated group)'],
  ])('%s', (source, expected) => {
    expect(unsafeRegexReason(source)).toBe(expected);
  });
});
