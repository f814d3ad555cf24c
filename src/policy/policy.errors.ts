/** Errors of the stored side of the policy module: published sets, activations and waivers. */
import { ChainwardError } from '../common/errors.js';

export function policySetNotFound(reference: string): ChainwardError {
  return new ChainwardError({
    code: 'policy.set-not-found',
    category: 'not-found',
    message: `no published policy set ${reference} (\`chainward policy list\` shows what is published)`,
  });
}

export function noActivePolicySet(repository: string | undefined): ChainwardError {
  return new ChainwardError({
    code: 'policy.no-active-set',
    category: 'not-found',
    message: `no active policy set${repository === undefined ? ' for all repositories' : ` for repository "${repository}"`} (\`chainward policy activate <name@version>\` activates one)`,
  });
}

export function policyBadInput(message: string, code = 'policy.bad-input'): ChainwardError {
  return new ChainwardError({ code, category: 'bad-input', message });
}

export function waiverNotFound(id: string): ChainwardError {
  return new ChainwardError({ code: 'waiver.not-found', category: 'not-found', message: `no stored waiver with id ${id}` });
}
