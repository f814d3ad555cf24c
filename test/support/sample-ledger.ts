import { type LedgerEntryDraft, type SealedLedgerEntry, sealEntry } from '../../src/audit/index.js';

const ACTIONS = ['scan.started', 'scan.finished', 'policy.evaluated', 'gate.outcome-uploaded', 'waiver.created'];
const START = Date.UTC(2025, 0, 1, 8, 0, 0);

/** A plausible decision, different for each index, so tampering with one entry never reproduces another. */
export function sampleDraft(index: number): LedgerEntryDraft {
  const action = ACTIONS[index % ACTIONS.length]!;
  return {
    recordedAt: new Date(START + index * 1000).toISOString(),
    actor: index % 3 === 0 ? { kind: 'agent', id: 'dependency-updater', version: '1.4.0' } : { kind: 'user', id: `user-${index % 7}` },
    action,
    subject: { repository: `acme/repo-${index % 11}`, scan: `scan-${index}` },
    inputsDigest: `sha256:${(index * 2654435761 % 2 ** 32).toString(16).padStart(64, '0')}`,
    outputsDigest: action === 'scan.started' ? null : `sha256:${index.toString(16).padStart(64, 'f')}`,
    policyVersion: index % 2 === 0 ? 'baseline@3' : null,
    rationale: `Decision ${index}: ${action}.`,
    payload: { index, findings: index % 5, severities: ['high', 'low'].slice(0, index % 3) },
  };
}

/** A chain of `count` sealed entries, produced one at a time. */
export function* sampleLedger(count: number, firstIndex = 0): Generator<SealedLedgerEntry> {
  let previous: SealedLedgerEntry | null = null;
  for (let i = 0; i < count; i++) {
    const entry = sealEntry(sampleDraft(firstIndex + i), previous);
    yield entry;
    previous = entry;
  }
}
