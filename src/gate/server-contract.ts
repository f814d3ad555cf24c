/**
 * What the gate and a Chainward server exchange, checked on arrival:
 * - `GET /api/v1/policy-sets/active?repository=<name>` answers the active policy set as published;
 * - `POST /api/v1/gate-results` receives a gate result (`chainward.gate/v1`) with its CycloneDX SBOM.
 */
import { z } from 'zod';
import { ChainwardError } from '../common/errors.js';
import { type DependencyGraph, parseSbomDocument } from '../sbom/index.js';
import { GATE_FORMAT } from './gate-report.js';

const activePolicySetSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  digest: z.string().min(1),
  policy: z.string().min(1),
  waivers: z.string().nullable(),
});

export type ActivePolicySet = z.infer<typeof activePolicySetSchema>;

export function parseActivePolicySet(value: unknown, source: string): ActivePolicySet {
  const parsed = activePolicySetSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ChainwardError({
    code: 'GATE_SERVER_POLICY_INVALID',
    category: 'bad-input',
    message: `the server's active policy set is not what the gate expects: ${issue ? `${issue.path.join('.') || '(document)'}: ${issue.message}` : 'invalid'}`,
    location: { file: source },
  });
}

const uploadSchema = z.object({
  format: z.literal(GATE_FORMAT),
  generatedAt: z.string(),
  verdict: z.enum(['pass', 'fail']),
  repository: z.object({ name: z.string().min(1).max(200), location: z.string().max(2000).optional(), commit: z.string().max(100).optional(), branch: z.string().max(500).optional() }),
  policy: z.object({ name: z.string(), version: z.string(), digest: z.string() }),
  tool: z.object({ name: z.string(), version: z.string() }),
  sbom: z.object({
    digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    format: z.literal('cyclonedx-json'),
    specVersion: z.string(),
    lockfiles: z.array(z.string()),
    document: z.record(z.string(), z.unknown()),
  }),
  counts: z.object({ failing: z.number(), violations: z.number(), failingRules: z.number(), waived: z.number(), findings: z.number() }),
});

export type GateUpload = z.infer<typeof uploadSchema>;

/** A gate result as a server accepts it; anything else is bad input with the first problem's path. */
export function parseGateUpload(value: unknown): GateUpload {
  const parsed = uploadSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ChainwardError({
    code: 'GATE_RESULT_INVALID',
    category: 'bad-input',
    message: `not a gate result (${GATE_FORMAT}): ${issue ? `${issue.path.join('.') || '(document)'}: ${issue.message}` : 'invalid'}`,
  });
}

/**
 * The dependency graph of the CycloneDX document a gate uploads, so the server stores the gate's SBOM as a scan:
 * the SBOM importer reads it (our own properties give back direct/development flags, source files and file hashes).
 */
export function graphOfUploadedSbom(document: Record<string, unknown>): DependencyGraph {
  if (document.bomFormat !== 'CycloneDX') {
    throw new ChainwardError({ code: 'GATE_SBOM_INVALID', category: 'bad-input', message: 'the gate result\'s SBOM is not usable: bomFormat is not "CycloneDX"' });
  }
  return parseSbomDocument(document, 'sbom.document').graph;
}
