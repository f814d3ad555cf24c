import { Controller, Get, Query } from '@nestjs/common';
import { type SealedLedgerEntry, consistencyProofView, inclusionProofView, parseTreeSize } from '../audit/index.js';
import { AuditCheckpointService, AuditLedgerService } from '../audit/nest.js';

/** The audit ledger over HTTP: entries, signed checkpoints and RFC 9162 proofs, read-only. */
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly ledger: AuditLedgerService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  /** Newest first; `subject.<key>=<id>` filters by subject id; `cursor` is the `next` of the previous page. */
  @Get('entries')
  async entries(@Query() query: Record<string, string | undefined>): Promise<{ items: EntryView[]; next: string | null }> {
    const subject = Object.fromEntries(
      Object.entries(query)
        .filter((pair): pair is [string, string] => pair[0].startsWith('subject.') && typeof pair[1] === 'string')
        .map(([key, id]) => [key.slice('subject.'.length), id]),
    );
    const limit = query.limit ? Number(parseTreeSize(query.limit, 'limit', { min: 1n })) : 50;
    const entries = await this.ledger.listEntries({
      action: query.action,
      subject,
      cursor: query.cursor ? parseTreeSize(query.cursor, 'cursor', { min: 1n }) : undefined,
      limit,
    });
    const last = entries.at(-1);
    return { items: entries.map(toView), next: entries.length === Math.min(limit, 1000) && last && last.seq > 1n ? last.seq.toString(10) : null };
  }

  @Get('checkpoints')
  async list(): Promise<{ items: Array<{ treeSize: string; rootHash: string; note: string; createdAt: string }>; publicKey: string | null }> {
    const items = await this.checkpoints.listCheckpoints();
    return {
      items: items.map((c) => ({ treeSize: c.treeSize.toString(10), rootHash: c.rootHash, note: c.note, createdAt: c.createdAt.toISOString() })),
      publicKey: await this.checkpoints.existingPublicKey(),
    };
  }

  @Get('proofs/inclusion')
  async inclusion(@Query('seq') seq?: string, @Query('treeSize') treeSize?: string): Promise<Record<string, unknown>> {
    return inclusionProofView(await this.ledger.inclusionProof(parseTreeSize(seq, 'seq', { min: 1n }), parseTreeSize(treeSize, 'treeSize', { min: 1n })));
  }

  @Get('proofs/consistency')
  async consistency(@Query('from') from?: string, @Query('to') to?: string): Promise<Record<string, unknown>> {
    return consistencyProofView(await this.ledger.consistencyProof(parseTreeSize(from, 'from'), parseTreeSize(to, 'to')));
  }
}

/** Entries as JSON: seq as a decimal string (64-bit), everything else as hashed. */
type EntryView = Omit<SealedLedgerEntry, 'seq'> & { seq: string };

function toView(entry: SealedLedgerEntry): EntryView {
  return { ...entry, seq: entry.seq.toString(10) };
}
