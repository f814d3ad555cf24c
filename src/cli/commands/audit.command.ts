import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { ChainwardError } from '../../common/errors.js';
import { ExitCode } from '../exit-codes.js';
import { cliConfig, withDatabase } from '../context.js';
import { print, printJson, writeFileAtomic } from '../io.js';

interface VerifyFlags {
  publicKey?: string;
  checkpoint?: string;
  bundle?: string;
  json?: boolean;
}

/** `chainward audit verify|export|log|checkpoint|public-key`: the tamper-evident decision ledger. */
export function auditCommand(): Command {
  const audit = new Command('audit').description('Verify, export and read the tamper-evident audit ledger');

  audit
    .command('verify')
    .description(
      'Recompute the hash chain and every checkpoint. Exit 0 when intact; 1 naming the first bad entry and what is wrong; 2 on bad input',
    )
    .option('--public-key <file>', 'the published ledger key (vkey); default: the local key under $CHAINWARD_HOME/keys')
    .option('--checkpoint <file>', 'also check against signed checkpoints kept outside the database (e.g. a copy of $CHAINWARD_HOME/checkpoints)')
    .option('--bundle <file>', 'verify an exported bundle instead of the database (no database needed)')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  chainward audit verify\n  chainward audit verify --checkpoint /mnt/worm/checkpoints --public-key ledger.pub\n  chainward audit verify --bundle audit-2025-q1.json --public-key ledger.pub',
    )
    .action(async (flags: VerifyFlags) => {
      const { verifyBundle } = await import('../../audit/index.js');
      const trusted = flags.publicKey ? await readInput(flags.publicKey, 'public key').then((text) => text.trim()) : undefined;
      let report: import('../../audit/index.js').ChainReport & { source: string };
      if (flags.bundle) {
        if (flags.checkpoint) throw usage('--checkpoint applies to the database; a bundle carries its own checkpoints');
        const bundle = await readInput(flags.bundle, 'bundle');
        report = { ...(await verifyBundle(bundle, { trustedPublicKey: trusted })), source: flags.bundle };
        // The key inside a bundle proves only that the bundle agrees with itself.
        if (!trusted) process.stderr.write('chainward: warning: checked with the key inside the bundle; pass --public-key with the published key\n');
      } else {
        const { readCheckpointNotes } = await import('../../audit/index.js');
        const external = flags.checkpoint ? await readCheckpointNotes(flags.checkpoint).catch((error: unknown) => rethrowAsInput(error, flags.checkpoint!)) : [];
        if (flags.checkpoint && external.length === 0) throw usage(`${flags.checkpoint} holds no checkpoint`);
        report = await withDatabase(async ({ audit: ledger, checkpoints, database }) => ({
          ...(await ledger.verify({ publicKey: trusted ?? (await checkpoints.existingPublicKey()), externalCheckpoints: external })),
          source: database.location,
        }));
      }
      printVerification(report, Boolean(flags.json));
      if (!report.ok) process.exitCode = ExitCode.PolicyFailure;
    });

  audit
    .command('export')
    .description('Write entries FROM..TO as a self-verifying bundle (entries, checkpoints, public key); signs a checkpoint at TO if none exists')
    .option('--from <n>', 'first entry', parseSeq, 1n)
    .option('--to <n>', 'last entry (default: the newest)', parseSeq)
    .requiredOption('-o, --output <file>', 'where to write the bundle (written completely or not at all)')
    .addHelpText('after', '\nExample:\n  chainward audit export --from 1 --to 5000 -o audit-bundle.json')
    .action(async (flags: { from: bigint; to?: bigint; output: string }) => {
      const written = await withDatabase(async ({ audit: ledger, checkpoints }) => {
        const to = flags.to ?? (await ledger.treeSize());
        return { to, bundle: await checkpoints.exportBundle(flags.from, to) };
      });
      await writeFileAtomic(flags.output, written.bundle);
      print(`Exported entries ${flags.from} to ${written.to} to ${flags.output}`);
      print(`Verify it anywhere with: chainward audit verify --bundle ${flags.output} --public-key <published key>`);
    });

  audit
    .command('log')
    .description('List ledger entries, newest first')
    .option('--subject <key=value>', 'only entries about this id (repeatable), e.g. --subject repository=<id>', collectSubject, {})
    .option('--action <action>', 'only this action, e.g. scan.finished')
    .option('--limit <n>', 'at most this many entries (1-1000)', parseLimit, 50)
    .option('--json', 'print JSON')
    .action(async (flags: { subject: Record<string, string>; action?: string; limit: number; json?: boolean }) => {
      const entries = await withDatabase(({ audit: ledger }) => ledger.listEntries({ subject: flags.subject, action: flags.action, limit: flags.limit }));
      if (flags.json) {
        printJson(entries.map((entry) => ({ ...entry, seq: entry.seq.toString(10) })));
        return;
      }
      if (entries.length === 0) {
        print('No ledger entries match.');
        return;
      }
      for (const entry of entries) {
        const actor = `${entry.actor.kind}:${entry.actor.id}${entry.actor.version ? `@${entry.actor.version}` : ''}`;
        const subject = Object.entries(entry.subject)
          .map(([key, id]) => `${key}=${id}`)
          .join(' ');
        print(`${entry.seq.toString().padStart(6)}  ${entry.recordedAt}  ${entry.action.padEnd(22)} ${actor}  ${subject}`);
        if (entry.rationale) print(`        ${entry.rationale}`);
      }
    });

  audit
    .command('checkpoint')
    .description('Sign the current tree head now, store it and append it to the checkpoint file; print it')
    .action(async () => {
      const made = await withDatabase(async ({ checkpoints }) => ({ ...(await checkpoints.checkpoint()), file: checkpoints.checkpointFile }));
      process.stdout.write(made.note);
      process.stderr.write(
        made.created ? `chainward: checkpoint at tree size ${made.treeSize} appended to ${made.file}\n` : `chainward: tree size ${made.treeSize} was already checkpointed\n`,
      );
    });

  const proof = audit.command('proof').description('RFC 9162 Merkle proofs, as JSON (hashes in base64)');
  proof
    .command('inclusion')
    .description('Prove that entry <seq> is in the tree of the first <tree-size> entries (default: the whole ledger)')
    .argument('<seq>', 'sequence number of the entry')
    .option('--tree-size <n>', 'size of the tree to prove against (a checkpoint\'s size)')
    .action(async (seq: string, flags: { treeSize?: string }) => {
      const { inclusionProofView, parseTreeSize } = await import('../../audit/index.js');
      const view = await withDatabase(async ({ audit: ledger }) => {
        const treeSize = flags.treeSize === undefined ? await ledger.treeSize() : parseTreeSize(flags.treeSize, 'tree-size', { min: 1n });
        return inclusionProofView(await ledger.inclusionProof(parseTreeSize(seq, 'seq', { min: 1n }), treeSize));
      });
      printJson(view);
    });
  proof
    .command('consistency')
    .description('Prove that the tree of the first <from> entries is a prefix of the tree of the first <to> entries')
    .argument('<from>', 'the older tree size (an earlier checkpoint\'s)')
    .argument('<to>', 'the newer tree size')
    .action(async (from: string, to: string) => {
      const { consistencyProofView, parseTreeSize } = await import('../../audit/index.js');
      const view = await withDatabase(async ({ audit: ledger }) =>
        consistencyProofView(await ledger.consistencyProof(parseTreeSize(from, 'from'), parseTreeSize(to, 'to'))),
      );
      printJson(view);
    });

  audit
    .command('public-key')
    .description('Print the ledger public key (C2SP vkey), creating the key pair on first use; publish it for auditors')
    .action(async () => {
      const { auditSigningOptions, readPublicKey } = await import('../../audit/index.js');
      const options = auditSigningOptions(await cliConfig());
      // Reading an existing key needs no database; creating one goes through the service like every other write.
      const existing = await readPublicKey(options);
      if (existing) {
        print(existing);
        return;
      }
      const { AuditCheckpointService, AuditLedgerRepository } = await import('../../audit/nest.js');
      print(await withDatabase(({ database }) => new AuditCheckpointService(new AuditLedgerRepository(database.dataSource), options).publicKey()));
    });

  return audit;
}

function printVerification(report: import('../../audit/index.js').ChainReport & { source: string }, json: boolean): void {
  if (json) {
    printJson({
      ok: report.ok,
      source: report.source,
      problem: report.problem ? { ...report.problem, seq: report.problem.seq?.toString(10) ?? null } : null,
      entriesVerified: report.entriesVerified.toString(10),
      treeSize: report.treeSize.toString(10),
      rootHash: report.rootHash,
      checkpointsMatched: report.checkpointsMatched,
      lastCheckpointedSize: report.lastCheckpointedSize.toString(10),
    });
    return;
  }
  if (report.ok) {
    print(`Audit ledger intact: ${report.entriesVerified} entries verified (${report.source})`);
    print(`  tree size ${report.treeSize}, root ${report.rootHash}`);
    print(`  checkpoints matched: ${report.checkpointsMatched}, last at tree size ${report.lastCheckpointedSize}`);
    return;
  }
  const problem = report.problem!;
  print(`TAMPERING DETECTED at ${problem.seq === null ? 'an unreadable checkpoint' : `seq ${problem.seq}`}: ${problem.kind}`);
  print(`  ${problem.message}`);
  print(`  ${report.entriesVerified} entries verified before it (${report.source})`);
}

async function readInput(file: string, what: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: unknown) => rethrowAsInput(error, file, what));
}

function rethrowAsInput(error: unknown, file: string, what = 'checkpoint file'): never {
  throw new ChainwardError({
    code: 'audit.unreadable-input',
    category: 'bad-input',
    message: `cannot read the ${what}: ${(error as Error).message}`,
    location: { file },
    cause: error,
  });
}

function usage(message: string): ChainwardError {
  return new ChainwardError({ code: 'audit.bad-usage', category: 'bad-input', message });
}

function parseSeq(value: string): bigint {
  if (!/^[1-9][0-9]{0,18}$/.test(value)) throw new InvalidArgumentError('expected an entry number (1, 2, 3...)');
  return BigInt(value);
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('expected a whole number from 1 to 1000');
  return n;
}

function collectSubject(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([a-z][a-zA-Z0-9]*)=(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected key=value, e.g. repository=<id> or scan=<id>');
  return { ...previous, [match[1]!]: match[2]! };
}
