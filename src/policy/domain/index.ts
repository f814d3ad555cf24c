/**
 * Public API of the policy language's pure core: schemas, loading with
 * located problems, evaluation, waivers, policy tests and dry-run diffs.
 * No framework, database or file system.
 */
export type { AdvisorySeverity, EvaluationFacts, RepositoryFiles, RepositoryIdentity, VexState, VulnerabilityFact } from './facts.js';
export { COMPONENT_PROPERTIES } from './facts.js';
export { API_VERSION } from './schema-fields.js';
export { policySetSchema, ruleIdField, RULE_ACTIONS, RULE_SEVERITIES, type PolicyRule, type PolicySet, type PolicySetInput, type RuleAction, type RuleSeverity } from './policy-set.schema.js';
export type { Condition, ConditionKind, LicenceCondition, PackageCondition, RepositoryCondition, VulnerabilityCondition } from './condition.schema.js';
export { waiverSchema, waiversFileSchema, type Waiver, type WaiversFile } from './waiver.schema.js';
export { policyTestsFileSchema, type PolicyTestCase, type PolicyTestsFile } from './policy-test.schema.js';
export { JSON_SCHEMA_FILES, policyJsonSchema, policyJsonSchemaText, SCHEMA_BASE_URI, type JsonSchemaFile } from './json-schema.js';
export { formatProblem, sortProblems, type LoadResult, type PolicyProblem } from './problems.js';
export {
  loadPolicySource,
  parsePolicySet,
  parsePolicyTests,
  parseWaivers,
  type LoadedPolicySet,
  type PolicySource,
  type PolicyTestsSource,
  type TextFile,
} from './load-policy.js';
export { MAX_ALIAS_COUNT, MAX_DOCUMENT_BYTES } from './yaml-source.js';
export {
  categoryOfLicence,
  categoryOfNamedLicence,
  KNOWN_LICENCE_CATEGORIES,
  LICENCE_CATEGORIES,
  licenceCategoryTable,
  licenceExceptionTable,
  type LicenceCategory,
} from './licence-categories.js';
export { SECRET_PATTERNS, type ContentPattern } from './secret-patterns.js';
export { MAX_LINE_CHARS, MAX_SCANNED_FILE_BYTES } from './content-scan.js';
export { evaluatePolicy, policyDigest, policyIdentity, type EvaluatePolicyInput } from './evaluate.js';
export { policyAppliesTo } from './policy-scope.js';
export {
  ALL_REPOSITORIES,
  formatPolicySetReference,
  parsePolicySetReference,
  scopeProblem,
  scopeSpecificity,
  selectActivation,
  type Activation,
  type PolicySetReference,
} from './active-set.js';
export type {
  AdvisoryEvidence,
  ComponentEvidence,
  Evidence,
  FileEvidence,
  PolicyResults,
  RuleResult,
  RuleStatus,
  Violation,
  WaivedViolation,
  WaiverReference,
  WaiverReport,
  WaiverState,
} from './results.js';
export { memoryRepositoryFiles, type MemoryFile } from './memory-files.js';
export { caseFacts, runPolicyTests, type PolicyTestCaseResult, type PolicyTestReport } from './policy-tests.js';
export { diffPolicySets, type PolicyDiff, type PolicyVersion, type RepositoryImpact, type RepositorySnapshot, type RuleChange, type RuleChangeKind } from './diff.js';
