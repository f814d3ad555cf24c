import { describe, expect, it } from '@jest/globals';
import { Interpolator, MAX_EXPANDED_LENGTH } from './interpolate.js';

function interpolator(values: Record<string, string>): { interpolator: Interpolator; problems: string[] } {
  const problems: string[] = [];
  return { interpolator: new Interpolator((name) => values[name], (message) => problems.push(message)), problems };
}

describe('Interpolator', () => {
  it('substitutes nested values and leaves text without expressions alone', () => {
    const { interpolator: i, problems } = interpolator({ 'jackson.version': '${jackson.major}.3', 'jackson.major': '2.13', revision: '1.0.0' });
    expect(i.interpolate('${jackson.version}')).toEqual({ value: '2.13.3', complete: true });
    expect(i.interpolate('v${revision}-${jackson.major}')).toEqual({ value: 'v1.0.0-2.13', complete: true });
    expect(i.interpolate('1.2.3')).toEqual({ value: '1.2.3', complete: true });
    expect(problems).toEqual([]);
  });

  it('keeps an unknown expression as written and says the text is incomplete', () => {
    const { interpolator: i } = interpolator({ known: '1' });
    expect(i.interpolate('${known}.${env.BUILD_NUMBER}')).toEqual({ value: '1.${env.BUILD_NUMBER}', complete: false });
    expect(i.interpolate('${unclosed')).toEqual({ value: '${unclosed', complete: false });
  });

  it('reports a cycle once and leaves every name on it unresolved', () => {
    const { interpolator: i, problems } = interpolator({ a: '${b}', b: 'x${c}', c: '${a}' });
    expect(i.interpolate('${a}')).toEqual({ value: '${a}', complete: false });
    expect(i.interpolate('${b}')).toEqual({ value: '${b}', complete: false });
    expect(problems).toEqual(['property cycle: ${a} -> ${b} -> ${c} -> ${a}']);
  });

  it('stops a doubling chain of properties (a "billion laughs") at the length limit', () => {
    const values: Record<string, string> = { p0: 'lol' };
    for (let level = 1; level <= 40; level++) values[`p${level}`] = `\${p${level - 1}}\${p${level - 1}}`;
    const { interpolator: i, problems } = interpolator(values);
    const result = i.interpolate('${p40}');
    expect(result).toEqual({ value: '${p40}', complete: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`beyond ${MAX_EXPANDED_LENGTH} characters`);
  });
});
