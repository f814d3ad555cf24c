import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { ChainwardError } from '../../common/errors.js';
import { ExitCode } from '../exit-codes.js';
import { cliConfig, withDatabase } from '../context.js';
import { print, printJson, writeFileAtomic } from '../io.js';

interface VerifyFlags {
  bundle?: string;
  ca?: string;
  signatureOnly?: boolean;
  json?: boolean;
}

type Reports = typeof import('../../reports/index.js');

/** `chainward report verify <file>`: the signature, its chain to the trust anchor, and the ledger binding. */
export function reportVerifyCommand(): Command {
  return new Command('verify')
    .description('Verify a report: its PAdES signature, the chain to the trust anchor, and its checkpoint and audit trail against the ledger. Exit 0 valid; 1 invalid, with why; 2 bad input')
    .argument('<file>', 'the report (PDF)')
    .option('--ca <root.pem>', 'the trust anchor: the root certificate (PEM) the organisation published (default: this installation\'s own)')
    .option('--bundle <file>', 'check the ledger binding against an exported audit bundle (chainward audit export), with no database')
    .option('--signature-only', 'check the signature and its chain only, not the ledger binding')
    .option('--json', 'print the verdict as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  chainward report verify report.pdf --ca root.pem\n  chainward report verify report.pdf --ca root.pem --bundle audit-bundle.json',
    )
    .action(async (file: string, flags: VerifyFlags) => {
      if (flags.bundle && flags.signatureOnly) throw usage('--bundle and --signature-only exclude each other');
      const reports = await import('../../reports/index.js');
      const anchors = await trustAnchors(reports, flags.ca);
      const verification = await reports.verifyReportFile(file, anchors);
      let binding: import('../../reports/index.js').LedgerBinding | null = null;
      if (verification.signature.ok && verification.manifest && !flags.signatureOnly) {
        const manifest = verification.manifest;
        if (flags.bundle) {
          const bundle = await readInput(flags.bundle, 'audit bundle');
          const { verifyBundle } = await import('../../audit/index.js');
          binding = await reports.checkBundleBinding(manifest, bundle, `bundle ${flags.bundle}`, (text, options) => verifyBundle(text, options));
        } else {
          binding = await withDatabase(({ reports: service, database }) => service.checkLedgerBinding(manifest, `database ${database.location}`));
        }
      }
      const valid = verification.signature.ok && (binding === null ? Boolean(flags.signatureOnly) : binding.ok);
      if (flags.json) printJson(jsonVerdict(file, valid, verification, binding));
      else printVerdict(file, valid, verification, binding, Boolean(flags.signatureOnly));
      if (!valid) process.exitCode = ExitCode.PolicyFailure;
    });
}

/** `chainward report ca`: the root certificate of report signatures, for auditors. */
export function reportCaCommand(): Command {
  return new Command('ca')
    .description('Print or export the root certificate (trust anchor) of report signatures and its SHA-256 fingerprint; creates the private CA on first use')
    .option('--export <file>', 'write the root certificate (PEM) to this file instead of stdout')
    .action(async (flags: { export?: string }) => {
      const reports = await import('../../reports/index.js');
      const identity = await reports.loadSigningIdentity(reports.reportOptions(await cliConfig()).signing);
      if (!identity.root) {
        throw new ChainwardError({
          code: 'report.no-root',
          category: 'bad-input',
          message: 'the configured PKCS#12 file does not include its root certificate: give auditors the root of the CA that issued the signing certificate',
        });
      }
      const root = new X509Certificate(identity.root);
      const fingerprint = reports.fingerprint(identity.root);
      if (flags.export) {
        await writeFileAtomic(flags.export, root.toString());
        print(`Wrote ${flags.export}: ${root.subject.split('\n').join(', ')}`);
        print(`SHA-256 fingerprint: ${fingerprint}`);
        print('Publish this fingerprint through a channel auditors trust; they compare it with `openssl x509 -in root.pem -noout -fingerprint -sha256`.');
      } else {
        process.stdout.write(root.toString());
        process.stderr.write(`chainward: SHA-256 fingerprint ${fingerprint}\n`);
      }
    });
}

/** The trust anchors: the --ca file (one or more PEM certificates), else this installation's own root. */
async function trustAnchors(reports: Reports, caFile: string | undefined): Promise<Buffer[]> {
  if (caFile) {
    const text = await readInput(caFile, 'root certificate');
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) throw inputError(caFile, 'holds no PEM certificate');
    return blocks.map((block) => {
      try {
        return Buffer.from(new X509Certificate(block).raw);
      } catch (error) {
        throw inputError(caFile, `holds a certificate that cannot be read (${(error as Error).message})`);
      }
    });
  }
  const signing = reports.reportOptions(await cliConfig()).signing;
  const own =
    signing.kind === 'p12'
      ? (await reports.loadP12(signing.file, signing.passphrase)).root
      : await readFile(path.join(signing.keysDirectory, reports.LOCAL_CA_FILE), 'utf8').then(
          (text) => reports.pemToDer(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0] ?? ''),
          () => null,
        );
  if (!own) throw usage('no trust anchor: pass --ca with the root certificate the organisation published');
  return [own];
}

type Verification = import('../../reports/index.js').ReportVerification;
type Binding = import('../../reports/index.js').LedgerBinding;

function printVerdict(file: string, valid: boolean, verification: Verification, binding: Binding | null, signatureOnly: boolean): void {
  const { signature, manifest } = verification;
  if (manifest) {
    const scope = manifest.scope.kind === 'organisation' ? 'all repositories' : manifest.scope.kind === 'scan' ? `scan ${manifest.scope.scan}` : `repository ${manifest.scope.repository}`;
    // What an unverified report says about itself is only a claim.
    print(`Report ${manifest.reportId} (${scope}, ${manifest.period.from} to ${manifest.period.to})${signature.ok ? '' : ', as it claims'}`);
  } else {
    print(`File ${file}`);
  }
  print(`  SHA-256 ${verification.sha256}`);
  if (signature.signer) print(`  signer: ${signature.signer.subject} (certificate SHA-256 ${signature.signer.fingerprint})`);
  if (signature.ok) {
    print(`  signature: valid; ${signature.pades ? 'PAdES B-B (ETSI.CAdES.detached with signing-certificate-v2)' : `SubFilter ${signature.subFilter ?? 'unknown'}`}; digest matches; the whole file is signed`);
    print(`  trusted: chains to ${signature.anchor!.subject} (SHA-256 ${signature.anchor!.fingerprint})`);
  }
  if (manifest) print(`  ledger checkpoint: ${manifest.ledger.origin}, tree size ${manifest.ledger.treeSize}, root ${manifest.ledger.rootHash}`);
  if (binding?.ok) {
    print(`  ledger: the checkpoint and the ${manifest!.auditTrail.entries} audit trail entries match the ${binding.source} (${binding.entriesVerified} entries verified)`);
  } else if (signatureOnly && signature.ok) {
    print('  ledger: not checked (--signature-only)');
  }
  const problems = [...signature.problems, ...(binding?.problems ?? [])];
  if (valid) {
    print('VALID');
    return;
  }
  print(`INVALID: ${problems[0] ?? 'the report could not be verified'}`);
  for (const problem of problems.slice(1)) print(`  also: ${problem}`);
}

function jsonVerdict(file: string, valid: boolean, verification: Verification, binding: Binding | null): unknown {
  return {
    valid,
    file,
    sha256: verification.sha256,
    signature: verification.signature,
    report: verification.manifest
      ? { id: verification.manifest.reportId, scope: verification.manifest.scope, period: verification.manifest.period, ledger: { origin: verification.manifest.ledger.origin, treeSize: verification.manifest.ledger.treeSize, rootHash: verification.manifest.ledger.rootHash } }
      : null,
    ledger: binding ? { ok: binding.ok, source: binding.source, problems: binding.problems, entriesVerified: binding.entriesVerified.toString(10) } : null,
    problems: [...verification.signature.problems, ...(binding?.problems ?? [])],
  };
}

async function readInput(file: string, what: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: unknown) => {
    throw inputError(file, `cannot be read as the ${what}: ${(error as Error).message}`);
  });
}

function inputError(file: string, reason: string): ChainwardError {
  return new ChainwardError({ code: 'report.bad-input', category: 'bad-input', message: reason, location: { file } });
}

function usage(message: string): ChainwardError {
  return new ChainwardError({ code: 'report.bad-usage', category: 'bad-input', message });
}
