import { describe, expect, it } from '@jest/globals';
import { parsePolicySetReference, scopeProblem, selectActivation } from './active-set.js';

describe('parsePolicySetReference', () => {
  it('reads name@version and refuses anything else', () => {
    expect(parsePolicySetReference('default@1.0.0')).toEqual({ name: 'default', version: '1.0.0' });
    expect(parsePolicySetReference('regulated-finance@2024.1-rc.1')).toEqual({ name: 'regulated-finance', version: '2024.1-rc.1' });
    expect(parsePolicySetReference('policies/default')).toBeUndefined();
    expect(parsePolicySetReference('Default@1.0.0')).toBeUndefined();
    expect(parsePolicySetReference('default@')).toBeUndefined();
    expect(parsePolicySetReference('@1.0.0')).toBeUndefined();
    expect(parsePolicySetReference('default@1.0 .0')).toBeUndefined();
  });
});

describe('selectActivation', () => {
  const at = (day: number): Date => new Date(Date.UTC(2026, 0, day));
  const activations = [
    { scope: '*', set: 'default@1.0.0', activatedAt: at(1) },
    { scope: 'payments-*', set: 'regulated-finance@1.0.0', activatedAt: at(2) },
    { scope: 'payments-api', set: 'regulated-finance@1.1.0', activatedAt: at(3) },
    { scope: '*-api', set: 'api@1.0.0', activatedAt: at(4) },
  ];

  it('chooses the most specific scope that matches the repository name', () => {
    expect(selectActivation(activations, 'payments-api')?.set).toBe('regulated-finance@1.1.0');
    expect(selectActivation(activations, 'payments-ledger')?.set).toBe('regulated-finance@1.0.0');
    expect(selectActivation(activations, 'search-api')?.set).toBe('api@1.0.0');
    expect(selectActivation(activations, 'website')?.set).toBe('default@1.0.0');
  });

  it('uses only the all-repositories scope when no name is given, and answers nothing when none matches', () => {
    expect(selectActivation(activations)?.set).toBe('default@1.0.0');
    expect(selectActivation(activations.slice(1), 'website')).toBeUndefined();
    expect(selectActivation(activations.slice(1))).toBeUndefined();
  });

  it('prefers the later activation between equally specific scopes', () => {
    const tied = [
      { scope: 'pay*', set: 'a@1', activatedAt: at(1) },
      { scope: '*ents', set: 'b@1', activatedAt: at(2) },
    ];
    expect(selectActivation(tied, 'payments')?.set).toBe('b@1');
  });
});

describe('scopeProblem', () => {
  it('accepts * and name patterns, refuses paths, negations and blanks', () => {
    expect(scopeProblem('*')).toBeUndefined();
    expect(scopeProblem('payments-*')).toBeUndefined();
    expect(scopeProblem('org/payments')).toContain('contains "/"');
    expect(scopeProblem('!payments')).toContain('negation');
    expect(scopeProblem(' ')).toContain('a scope is `*`');
  });
});
