/**
 * Published policy sets and stored waivers over HTTP: the set active for a repository exactly as
 * the CI gate reads it (the YAML byte for byte), 404 problem+json when none applies, the policy
 * JSON Schema, and waivers listed and added.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from '../../src/app/create-server.js';
import { policyJsonSchema, readPolicySource } from '../../src/policy/index.js';
import { PolicySetsService } from '../../src/policy/nest.js';
import { PROJECT_ROOT } from '../support/cli.js';
import { testBackends } from '../support/databases.js';

const DEFAULT_SET = path.join(PROJECT_ROOT, 'policies', 'default');
const FINANCE_SET = path.join(PROJECT_ROOT, 'policies', 'regulated-finance');

describe.each(testBackends())('policy sets and waivers API on $name', (backend) => {
  let app: INestApplication;
  let base: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    app = await createServer(created.config);
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('answers 404 problem+json while no set is active', async () => {
    const response = await fetch(`${base}/api/v1/policy-sets/active?repository=payments-api`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { title: string; detail: string; code: string };
    expect(problem).toMatchObject({ title: 'Not Found', code: 'policy.no-active-set' });
    expect(problem.detail).toMatch(/^no active policy set for repository "payments-api"/);
  });

  it('serves the set active for a repository: the most specific scope, its YAML byte for byte', async () => {
    const sets = app.get(PolicySetsService);
    const published = await sets.publish({ source: await readPolicySource(DEFAULT_SET), actor: 'alice', message: 'default' });
    await sets.publish({ source: await readPolicySource(FINANCE_SET), actor: 'bob', message: 'payments' });
    await sets.activate({ reference: { name: 'default', version: '1.0.0' }, scope: '*', actor: 'alice' });
    await sets.activate({ reference: { name: 'regulated-finance', version: '1.0.0' }, scope: 'payments-*', actor: 'bob' });

    const website = await fetch(`${base}/api/v1/policy-sets/active?repository=website`);
    expect(website.status).toBe(200);
    expect(await website.json()).toEqual({
      name: 'default',
      version: '1.0.0',
      digest: published.set.digest,
      policy: await readFile(path.join(DEFAULT_SET, 'policy.yaml'), 'utf8'),
      waivers: await readFile(path.join(DEFAULT_SET, 'waivers.yaml'), 'utf8'),
    });
    const payments = (await (await fetch(`${base}/api/v1/policy-sets/active?repository=payments-api`)).json()) as { name: string; policy: string; waivers: string };
    expect(payments.name).toBe('regulated-finance');
    expect(payments.policy).toBe(await readFile(path.join(FINANCE_SET, 'policy.yaml'), 'utf8'));
    expect(payments.waivers).toBe(await readFile(path.join(FINANCE_SET, 'waivers.yaml'), 'utf8'));

    const list = (await (await fetch(`${base}/api/v1/policy-sets`)).json()) as { items: Array<{ name: string; activeScopes: string[]; publishedBy: string }> };
    expect(list.items.map((item) => [item.name, item.activeScopes, item.publishedBy])).toEqual([
      ['default', ['*'], 'alice'],
      ['regulated-finance', ['payments-*'], 'bob'],
    ]);
    const one = await fetch(`${base}/api/v1/policy-sets/default/1.0.0`);
    expect(((await one.json()) as { digest: string }).digest).toBe(published.set.digest);
    expect((await fetch(`${base}/api/v1/policy-sets/default/0.1.0`)).status).toBe(404);
  });

  it('serves the policy language JSON Schema', async () => {
    const response = await fetch(`${base}/api/v1/policy-sets/schema`);
    expect(response.status).toBe(200);
    const schema = await response.json();
    expect(schema).toEqual(policyJsonSchema('policy-set.schema.json'));
    expect(schema).toEqual(JSON.parse(await readFile(path.join(PROJECT_ROOT, 'policies', 'schema', 'policy-set.schema.json'), 'utf8')));
  });

  it('adds a waiver with POST and lists it; refuses an invalid one with 400 problem+json', async () => {
    const created = await fetch(`${base}/api/v1/waivers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rule: 'secrets', file: 'test/fixtures/**', reason: 'test keys only', approver: 'ciso@example.com', expires: '2099-01-01', actor: 'erin' }),
    });
    expect(created.status).toBe(201);
    const waiver = (await created.json()) as { id: string; state: string; createdBy: string; expires: string };
    expect(waiver).toMatchObject({ state: 'active', createdBy: 'erin', expires: '2099-01-01T00:00:00.000Z' });

    const listed = (await (await fetch(`${base}/api/v1/waivers`)).json()) as { items: Array<{ id: string }> };
    expect(listed.items.map((item) => item.id)).toEqual([waiver.id]);

    const invalid = await fetch(`${base}/api/v1/waivers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rule: 'secrets', reason: 'r', approver: 'a', expires: '2099-01-01', colour: 'blue' }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    expect(((await invalid.json()) as { detail: string }).detail).toBe('unknown field colour');
  });
});
