/**
 * Published policy sets and stored waivers on both backends: publishing is immutable (the same
 * content again is a no-op, different content is refused), the stored text round-trips byte for
 * byte, activation per scope picks the most specific, waivers are added, listed and revoked
 * (never deleted), and each of these decisions is an audit ledger entry.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENTITIES } from '../../src/app/entities.js';
import { AuditLedgerRepository, AuditLedgerService } from '../../src/audit/nest.js';
import { ChainwardError } from '../../src/common/errors.js';
import { openDatabase, type Database } from '../../src/database/index.js';
import { readPolicySource, type PolicySource } from '../../src/policy/index.js';
import { PolicySetsRepository, PolicySetsService, WaiversRepository, WaiversService } from '../../src/policy/nest.js';
import { PROJECT_ROOT } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

const DEFAULT_SET = path.join(PROJECT_ROOT, 'policies', 'default');
const FINANCE_SET = path.join(PROJECT_ROOT, 'policies', 'regulated-finance');

async function rejection(promise: Promise<unknown>): Promise<ChainwardError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ChainwardError)) throw new Error(`expected a ChainwardError, got ${String(error)}`);
  return error;
}

describe.each(testBackends())('policy store on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let ledger: AuditLedgerService;
  let sets: PolicySetsService;
  let waivers: WaiversService;
  let defaultSource: PolicySource;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    database = await openDatabase(created.config, { entities: ENTITIES });
    ledger = new AuditLedgerService(new AuditLedgerRepository(database.dataSource));
    sets = new PolicySetsService(new PolicySetsRepository(database.dataSource), ledger);
    waivers = new WaiversService(new WaiversRepository(database.dataSource), ledger);
    defaultSource = await readPolicySource(DEFAULT_SET);
  });

  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('publishes a set once, keeping its text byte for byte; the same content again changes nothing', async () => {
    const first = await sets.publish({ source: defaultSource, actor: 'alice', message: 'Adopt the default policy', now: new Date('2026-01-05T10:00:00Z') });
    expect(first.created).toBe(true);
    expect(first.set).toMatchObject({ name: 'default', version: '1.0.0', publishedBy: 'alice', message: 'Adopt the default policy' });
    expect(first.set.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const stored = await sets.getSet({ name: 'default', version: '1.0.0' });
    expect(stored.policyText).toBe(await readFile(path.join(DEFAULT_SET, 'policy.yaml'), 'utf8'));
    expect(stored.waiversText).toBe(await readFile(path.join(DEFAULT_SET, 'waivers.yaml'), 'utf8'));

    // Reformatted YAML with the same meaning has the same canonical digest: still the same content.
    const reformatted = { ...defaultSource, policy: { ...defaultSource.policy, text: `# republished\n${defaultSource.policy.text}` } };
    const again = await sets.publish({ source: reformatted, actor: 'bob', message: 'again' });
    expect(again.created).toBe(false);
    expect(again.set.id).toBe(first.set.id);
    expect((await sets.list()).map((summary) => `${summary.set.name}@${summary.set.version}`)).toEqual(['default@1.0.0']);
  });

  it('refuses a second publication of a name@version with different content, and one without a message', async () => {
    const changed = { ...defaultSource, policy: { ...defaultSource.policy, text: defaultSource.policy.text.replace(/severity: critical/, 'severity: high') } };
    const conflict = await rejection(sets.publish({ source: changed, actor: 'mallory', message: 'sneaky edit' }));
    expect(conflict.code).toBe('policy.version-conflict');
    expect(conflict.category).toBe('bad-input');
    expect(conflict.message).toMatch(/^default@1\.0\.0 is already published with different content/);
    expect((await rejection(sets.publish({ source: defaultSource, actor: 'alice', message: '  ' }))).code).toBe('policy.publish-message');
    const invalid = { policy: { path: 'broken/policy.yaml', text: 'apiVersion: chainward.dev/v1\nkind: PolicySet\n' } };
    expect((await rejection(sets.publish({ source: invalid, actor: 'alice', message: 'broken' }))).message).toContain('broken/policy.yaml:1:1: ');
  });

  it('activates per scope: the most specific scope matching a repository wins, re-activating is a no-op', async () => {
    await expect(sets.activeFor('payments-api')).rejects.toThrow(/^no active policy set for repository "payments-api"/);
    await sets.publish({ source: await readPolicySource(FINANCE_SET), actor: 'bob', message: 'PCI scope' });
    const everyone = await sets.activate({ reference: { name: 'default', version: '1.0.0' }, scope: '*', actor: 'alice', message: 'organisation default' });
    expect(everyone.created).toBe(true);
    expect((await sets.activate({ reference: { name: 'default', version: '1.0.0' }, scope: '*', actor: 'alice' })).created).toBe(false);
    await sets.activate({ reference: { name: 'regulated-finance', version: '1.0.0' }, scope: 'payments-*', actor: 'bob' });

    expect((await sets.activeFor('payments-api')).set.name).toBe('regulated-finance');
    expect(await sets.activeFor('website')).toMatchObject({ scope: '*', set: { name: 'default' } });
    expect((await sets.activeFor()).set.name).toBe('default');
    expect((await sets.list()).map((summary) => [summary.set.name, summary.activeScopes])).toEqual([
      ['default', ['*']],
      ['regulated-finance', ['payments-*']],
    ]);

    // A later activation of a scope replaces the earlier one.
    const replaced = await sets.activate({ reference: { name: 'regulated-finance', version: '1.0.0' }, scope: '*', actor: 'carol' });
    expect(replaced.previous?.name).toBe('default');
    expect((await sets.activeFor('website')).set.name).toBe('regulated-finance');
    expect((await rejection(sets.activate({ reference: { name: 'default', version: '9.9.9' }, scope: '*', actor: 'alice' }))).category).toBe('not-found');
    expect((await rejection(sets.activate({ reference: { name: 'default', version: '1.0.0' }, scope: 'org/payments', actor: 'alice' }))).code).toBe('policy.bad-scope');
  });

  it('loads a published set for evaluation from its stored text', async () => {
    const loaded = sets.load(await sets.getSet({ name: 'regulated-finance', version: '1.0.0' }));
    expect(loaded.policy.metadata.name).toBe('regulated-finance');
    expect(loaded.policy.rules).toHaveLength(13);
    expect(loaded.waivers).toHaveLength(1);
  });

  it('adds, lists and revokes stored waivers; a revoked waiver stays on record and no longer applies', async () => {
    const now = new Date('2026-02-01T00:00:00Z');
    const added = await waivers.add(
      { rule: 'vulnerability-critical', purl: 'pkg:npm/minimist@1.2.5', reason: 'build script only', approver: 'security@example.com', expires: '2026-03-01' },
      'carol',
      now,
    );
    expect(added).toMatchObject({ rule: 'vulnerability-critical', state: 'active', createdBy: 'carol', expires: '2026-03-01T00:00:00.000Z' });
    await waivers.add({ rule: 'secrets', file: 'test/fixtures/**', repositories: ['payments-*'], reason: 'test keys', approver: 'ciso', expires: '2026-02-15' }, 'carol', new Date('2026-02-01T00:01:00Z'));

    const invalid = await rejection(waivers.add({ rule: 'secrets', purl: 'pkg:npm/x', file: 'x', reason: 'r', approver: 'a', expires: '2025-01-01' }, 'carol', now));
    expect(invalid.message).toBe('invalid waiver:\n  waiver: needs exactly one of `purl` or `file`\n  --expires: 2025-01-01 is not in the future');

    const later = new Date('2026-02-20T00:00:00Z');
    expect((await waivers.list({}, later)).map((view) => view.rule)).toEqual(['vulnerability-critical']);
    expect((await waivers.list({ includeInactive: true }, later)).map((view) => [view.rule, view.state])).toEqual([
      ['vulnerability-critical', 'active'],
      ['secrets', 'expired'],
    ]);

    const revoked = await waivers.revoke(added.id, 'dave', 'build script removed', later);
    expect(revoked).toMatchObject({ state: 'revoked', revoked: { at: later.toISOString(), by: 'dave', reason: 'build script removed' } });
    expect((await rejection(waivers.revoke(added.id, 'dave', undefined, later))).code).toBe('waiver.already-revoked');
    expect((await rejection(waivers.revoke('00000000-0000-4000-8000-000000000000', 'dave', undefined))).category).toBe('not-found');
    // The evaluator gets the expired one (to report it as expired) but not the revoked one.
    expect((await waivers.forEvaluation()).map((waiver) => [waiver.rule, waiver.file, waiver.repositories])).toEqual([['secrets', 'test/fixtures/**', ['payments-*']]]);
  });

  it('records every publication, activation and waiver decision in the audit ledger', async () => {
    const entries = await ledger.listEntries({ order: 'asc', limit: 100 });
    expect(entries.map((entry) => [entry.action, entry.actor.id, entry.subject.policy ?? entry.subject.waiver?.length ?? '', entry.subject.scope ?? ''])).toEqual([
      ['policy.published', 'alice', 'default@1.0.0', ''],
      ['policy.published', 'bob', 'regulated-finance@1.0.0', ''],
      ['policy.activated', 'alice', 'default@1.0.0', '*'],
      ['policy.activated', 'bob', 'regulated-finance@1.0.0', 'payments-*'],
      ['policy.activated', 'carol', 'regulated-finance@1.0.0', '*'],
      ['waiver.created', 'carol', 36, ''],
      ['waiver.created', 'carol', 36, ''],
      ['waiver.revoked', 'dave', 36, ''],
    ]);
    expect(entries[0]).toMatchObject({ rationale: 'Adopt the default policy', policyVersion: 'default@1.0.0' });
    expect(entries[0]?.inputsDigest).toBe((await sets.getSet({ name: 'default', version: '1.0.0' })).digest);
    expect((await ledger.verify()).ok).toBe(true);
  });
});
