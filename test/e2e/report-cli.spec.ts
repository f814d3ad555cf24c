/**
 * `chainward report` end to end: a scanned example project with advisories, a policy with waivers and a VEX
 * statement; the signed PDF is read back with Poppler and checked with pdfsig/NSS, and `report verify` checks it
 * against the database and against exported audit bundles. The figures the tests expect are read from the other
 * commands' JSON (findings, scans show, results, audit log), never from the report code.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyToTemp, FIXTURES, PROJECT_ROOT, runCli } from '../support/cli.js';
import { testBackends } from '../support/databases.js';
import { flat, nssTrusting, pdfInfo, pdfText, pdfsig, renderPages } from '../reports/pdf-tools.js';

interface FindingJson {
  advisory: string;
  severity: string;
  fixAbove: string | null;
  suppressed: { state: string; justification?: string } | null;
}
interface EntryJson {
  seq: string;
  recordedAt: string;
  action: string;
  leafHash: string;
  outputsDigest: string | null;
  actor: { kind: string; id: string };
  subject: Record<string, string>;
  payload: Record<string, unknown>;
}

describe.each(testBackends())('chainward report on $name', (backend) => {
  let env: Record<string, string | undefined>;
  let drop: () => Promise<void>;
  let dir: string;
  let repository: string;
  let scanId: string;
  let report: string;
  let root: string;
  let generated: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    env = { CHAINWARD_HOME: created.config.home, DATABASE_URL: created.config.databaseUrl, CHAINWARD_REPORT_ORGANISATION: 'Example Bank plc' };
    dir = await copyToTemp(path.join(PROJECT_ROOT, 'examples', 'npm-webapp'));
    repository = path.basename(dir);
    expect((await runCli(['advisories', 'import', path.join(FIXTURES, 'advisories', 'osv')], { env })).code).toBe(0);
    const scan = await runCli(['scan', dir, '--policy', path.join(FIXTURES, 'reports', 'policy'), '--json'], { env });
    expect(scan.stderr).toBe('');
    scanId = (JSON.parse(scan.stdout) as { id: string }).id;
    expect((await runCli(['vex', 'import', path.join(FIXTURES, 'reports', 'vex.cdx.json'), '--repository', repository], { env })).code).toBe(0);
    report = path.join(dir, 'out', 'report.pdf');
    generated = await runCli(['report', '--repo', repository, '-o', report], { env });
    root = path.join(dir, 'root.pem');
    expect((await runCli(['report', 'ca', '--export', root], { env })).code).toBe(0);
  }, 240_000);

  afterAll(async () => {
    await drop?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes a signed PDF and says what it is bound to', async () => {
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    const pdf = await readFile(report);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(generated.stdout).toContain(`Wrote ${report}: `);
    expect(generated.stdout).toContain(`SHA-256 ${sha256}`);
    expect(generated.stdout).toMatch(/bound to ledger checkpoint chainward\.local\/\S+, tree size \d+, root \S+=/);
  });

  it('shows every section with the figures of the stored data, page numbers and metadata', async () => {
    const findings = (JSON.parse((await runCli(['findings', scanId, '--json'], { env })).stdout) as { findings: FindingJson[] }).findings;
    const open = findings.filter((f) => !f.suppressed);
    const resolved = findings.filter((f) => f.suppressed);
    const details = JSON.parse((await runCli(['scans', 'show', scanId, '--json'], { env })).stdout) as { summary: { components: number; direct: number; transitive: number } };
    const entries = JSON.parse((await runCli(['audit', 'log', '--subject', `scan=${scanId}`, '--json'], { env })).stdout) as EntryJson[];
    const text = await pdfText(report);
    const prose = flat(text);
    const info = await pdfInfo(report);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThan(5);

    for (const section of ['Executive summary', 'SBOM — NTIA minimum elements', 'Vulnerabilities', 'Policy results', 'Remediation history', 'Audit trail', 'How to verify this report']) {
      expect(prose).toContain(section);
    }
    expect(prose).toContain('Example Bank plc');
    expect(prose).toContain(`Components ${details.summary.components}: ${details.summary.direct} direct, ${details.summary.transitive} transitive`);
    const bySeverity = ['critical', 'high', 'medium', 'low']
      .map((severity) => [severity, open.filter((f) => f.severity === severity).length] as const)
      .filter(([, n]) => n > 0)
      .map(([severity, n]) => `${n} ${severity}`)
      .join(', ');
    expect(prose).toContain(`${open.length} open vulnerabilities (${bySeverity}), ${open.filter((f) => f.fixAbove).length} with a fixed version available; ${resolved.length} finding resolved by a VEX statement.`);
    for (const finding of findings) expect(prose).toContain(finding.advisory);
    expect(prose).toContain('not_affected code_not_reachable: template() is never called with user input.');
    // NTIA minimum elements: supplier, name, version, unique identifier, relationship, author, timestamp.
    expect(prose).toContain('pkg:npm/express@4.18.2');
    expect(prose).toMatch(/Author of the SBOM data chainward \S+ \(automated, from lockfiles\) for Example Bank plc/);
    expect(prose).toContain('direct dependency');
    expect(prose).toContain('not recorded');
    // Waivers with approver and expiry, one applied and one expired.
    // Table cells wrap ("vulnerability-" / "fixable"): compare without whitespace.
    const compact = text.replace(/\s+/g, '');
    expect(compact).toContain('vulnerability-fixablepkg:npm/minimistJaneDoe<jane.doe@example.org>OnlyparsesourownCLIflags,neveruntrustedinput(ticketSEC-1042).2026-01-15→2031-01-15applied');
    expect(compact).toContain('vulnerability-fixablepkg:npm/path-to-regexpSamRoe<sam.roe@example.org>Routesarefixedatbuildtime(ticketSEC-977).2025-01-10→2025-04-10expired');
    expect(prose).toContain('None recorded. Chainward does not yet open, verify or merge remediation pull requests');
    // The audit trail lists the scan's entries with their sequence numbers and entry hashes.
    expect(entries.map((e) => e.action).sort()).toEqual(['policy.evaluated', 'scan.finished', 'scan.started']);
    for (const entry of entries) {
      // A row reads: seq, recorded date and time, ... entry hash (wrapped in its cell; whitespace removed here).
      expect(compact).toContain(`${entry.seq}${entry.recordedAt.slice(0, 10)}${entry.recordedAt.slice(11, 19)}`);
      expect(compact).toContain(entry.leafHash);
    }
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);

    expect(info.Title).toMatch(new RegExp(`^Compliance report: Example Bank plc, Repository ${repository}, \\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}$`));
    expect(info.Author).toMatch(/^Example Bank plc \(generated by chainward /);
    expect(info.Subject).toContain('SBOM (NTIA minimum elements)');
    expect(info.Keywords).toMatch(/ledger-checkpoint:chainward\.local\/\S+ \d+ \S+=/);
    expect(info.CreationDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const pngs = await renderPages(report, `report-cli-${backend.name}`);
    expect(pngs).toHaveLength(3);
  });

  it('is a PAdES signature pdfsig calls valid, trusted with the exported root, and a one-byte change is a digest mismatch', async () => {
    const plain = await pdfsig(report);
    expect(plain).toContain('Signature Type: ETSI.CAdES.detached');
    expect(plain).toContain('Total document signed');
    expect(plain).toContain('Signature Validation: Signature is Valid.');
    const nss = await nssTrusting(root);
    try {
      expect(await pdfsig(report, nss)).toContain('Certificate Validation: Certificate is Trusted.');
      const tampered = path.join(dir, 'tampered.pdf');
      const bytes = await readFile(report);
      const at = Math.floor(bytes.length * 0.75);
      bytes[at] = bytes[at]! ^ 0x01;
      await writeFile(tampered, bytes);
      expect(await pdfsig(tampered, nss)).toContain('Signature Validation: Digest Mismatch.');
    } finally {
      await rm(nss, { recursive: true, force: true });
    }
  });

  it('records the generation in the ledger with the PDF digest', async () => {
    const [entry] = JSON.parse((await runCli(['audit', 'log', '--action', 'report.generated', '--json'], { env })).stdout) as EntryJson[];
    const sha256 = createHash('sha256').update(await readFile(report)).digest('hex');
    expect(entry!.outputsDigest).toBe(`sha256:${sha256}`);
    expect(entry!.actor.kind).toBe('user');
    expect(entry!.subject.repository).toBeDefined();
    expect(entry!.payload).toMatchObject({ scope: { kind: 'repository', repository }, pdf: { sha256 } });
  });

  it('verifies against the database: 0 when valid, 1 with the reason when one byte changed', async () => {
    const valid = await runCli(['report', 'verify', report, '--ca', root], { env });
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('signature: valid; PAdES B-B (ETSI.CAdES.detached with signing-certificate-v2); digest matches; the whole file is signed');
    expect(valid.stdout).toMatch(/ledger: the checkpoint and the 3 audit trail entries match the database /);
    expect(valid.stdout.trimEnd().endsWith('VALID')).toBe(true);

    const tampered = path.join(dir, 'tampered-cli.pdf');
    const bytes = await readFile(report);
    bytes[bytes.length - 2000] = bytes[bytes.length - 2000]! ^ 0x20;
    await writeFile(tampered, bytes);
    const bad = await runCli(['report', 'verify', tampered, '--ca', root], { env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('INVALID: digest mismatch: the signed bytes were changed after signing');

    const unreadable = await runCli(['report', 'verify', path.join(dir, 'package.json'), '--ca', root], { env });
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('not a signed Chainward report: it does not start with %PDF-');
  });

  it('verifies offline against an exported bundle, and names a bundle of another ledger or one that stops short', async () => {
    const treeSize = /tree size (\d+)/.exec(generated.stdout)![1]!;
    const bundle = path.join(dir, 'bundle.json');
    expect((await runCli(['audit', 'export', '--to', treeSize, '-o', bundle], { env })).code).toBe(0);
    const offline = await runCli(['report', 'verify', report, '--ca', root, '--bundle', bundle], { env: { ...env, CHAINWARD_HOME: path.join(dir, 'nowhere'), DATABASE_URL: undefined } });
    expect(offline.stderr).toBe('');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain(`the checkpoint and the 3 audit trail entries match the bundle ${bundle}`);

    const short = path.join(dir, 'short.json');
    expect((await runCli(['audit', 'export', '--to', String(Number(treeSize) - 1), '-o', short], { env })).code).toBe(0);
    const tooShort = await runCli(['report', 'verify', report, '--ca', root, '--bundle', short], { env });
    expect(tooShort.code).toBe(1);
    expect(tooShort.stdout).toContain(`the report is bound to tree size ${treeSize}: export a bundle that reaches entry ${treeSize}`);

    // An edited bundle: one entry's rationale changed, its leaf hash kept.
    const edited = JSON.parse(await readFile(bundle, 'utf8')) as { entries: Array<{ rationale: string }> };
    edited.entries[0]!.rationale = 'Nothing happened.';
    const editedFile = path.join(dir, 'edited.json');
    await writeFile(editedFile, JSON.stringify(edited));
    const mismatch = await runCli(['report', 'verify', report, '--ca', root, '--bundle', editedFile], { env });
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toContain('INVALID: the ledger fails verification (changed-content at seq 1)');

    // A bundle claiming another ledger's key (an Ed25519 vkey of another log).
    const foreign = JSON.parse(await readFile(bundle, 'utf8')) as { publicKey: string };
    foreign.publicKey = 'other.example/log+2f5c6b1a+AU4oRrt2rIQfKU+u4/ZuB/e4T1sbBuPm1jrq2P3dRc0S';
    const foreignFile = path.join(dir, 'foreign.json');
    await writeFile(foreignFile, JSON.stringify(foreign));
    const wrong = await runCli(['report', 'verify', report, '--ca', root, '--bundle', foreignFile], { env });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('INVALID: the bundle was exported from another ledger (key other.example/log+2f5c6b1a+');
  });

  it('links a second report to the first with a consistency proof', async () => {
    const second = path.join(dir, 'second.pdf');
    const result = await runCli(['report', '--repo', repository, '-o', second], { env });
    expect(result.code).toBe(0);
    const prose = flat(await pdfText(second));
    const firstId = /report ([0-9a-f-]{36}):/.exec(generated.stdout)![1]!;
    expect(prose).toContain('Consistency with the previous report');
    expect(prose).toContain(`The previous report of this scope (${firstId})`);
  });

  it('refuses bad usage with exit 2 and writes nothing', async () => {
    const output = path.join(dir, 'never.pdf');
    const cases: Array<[string[], string]> = [
      [['report', '-o', output], 'give exactly one of --repo <name>, --scan <id> or --org'],
      [['report', '--repo', repository, '--org', '-o', output], 'give exactly one of --repo <name>, --scan <id> or --org'],
      [['report', '--repo', repository], 'give the output file: -o report.pdf'],
      [['report', '--repo', 'no-such-repository', '-o', output], 'no scanned repository is named no-such-repository'],
      [['report', '--repo', repository, '--from', '2026-02-30', '-o', output], '--from 2026-02-30 is not a calendar date'],
      [['report', '--repo', repository, '--from', '2026-03-10', '--to', '2026-03-01', '-o', output], 'the period starts (2026-03-10T00:00:00.000Z) after it ends (2026-03-01T23:59:59.999Z)'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { env });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toContain(message);
    }
    await expect(readFile(output)).rejects.toThrow(/ENOENT/);
  });

  it('reports on one scan, starting the period at the scan', async () => {
    const output = path.join(dir, 'scan.pdf');
    const result = await runCli(['report', '--scan', scanId, '-o', output], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`scan ${scanId} of ${repository}`);
    expect(flat(await pdfText(output))).toContain(`Scan ${scanId} of ${repository}`);
  });
});
