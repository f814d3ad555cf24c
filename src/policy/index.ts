/**
 * Public entry of the policy module: the pure language core (./domain) and
 * the thin file-system shells the CLI needs (a policy set directory, a
 * checked-out repository). No framework imports, so `chainward policy
 * validate` stays fast.
 */
export * from './domain/index.js';
export { loadPolicyDirectory, readPolicySource, POLICY_FILE, TESTS_DIRECTORY, WAIVERS_FILE } from './read-policy-source.js';
export { directoryRepositoryFiles } from './repository-files.js';
export { toPolicySetView, type PolicySetView } from './policy-set-view.js';
