import { clip, count, plural, utcSecond } from './format.js';
import type { Block, LayoutSection } from './layout.js';
import type { ReportData } from './report-data.js';

/** The decisions of the period: totals by action, then every entry with its sequence number and entry hash. */
export function auditTrailSection(data: ReportData): LayoutSection {
  const trail = data.auditTrail;
  const byAction = new Map<string, number>();
  for (const entry of trail) byAction.set(entry.action, (byAction.get(entry.action) ?? 0) + 1);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        trail.length === 0
          ? 'The ledger holds no entry about this scope in the period.'
          : `${plural(trail.length, 'ledger entry', 'ledger entries')} about this scope in the period, sequence numbers ${trail[0]!.seq} to ${trail.at(-1)!.seq}. ` +
            `Each is in the checkpoint this report is bound to (tree size ${data.checkpoint.treeSize}); \`chainward audit proof inclusion <seq> --tree-size ${data.checkpoint.treeSize}\` proves it.`,
    },
    {
      kind: 'table',
      columns: [
        { header: 'Action', width: 2 },
        { header: 'Entries', width: 1, align: 'right' },
      ],
      rows: [...byAction.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([action, n]) => [action, count(n)]),
      empty: 'No entries.',
    },
    { kind: 'heading', text: 'Entries' },
    {
      kind: 'table',
      columns: [
        { header: 'Seq', width: 0.55, align: 'right' },
        { header: 'Recorded (UTC)', width: 1.0 },
        { header: 'Actor', width: 1.2 },
        { header: 'Action / rationale', width: 2.35 },
        { header: 'Subject', width: 1.85 },
        { header: 'Entry hash (SHA-256)', width: 1.85, mono: true },
      ],
      rows: trail.map((entry) => [
        entry.seq,
        utcSecond(entry.recordedAt).replace(' UTC', ''),
        entry.actor,
        { text: entry.action, sub: entry.rationale ? clip(entry.rationale, 300) : undefined, bold: true },
        entry.subject || '—',
        { text: entry.leafHash, mono: true },
      ]),
      empty: 'No entries in the period.',
    },
  ];
  return { title: 'Audit trail', newPage: true, blocks, children: [] };
}

/** Appendix: everything an auditor needs to check the report with tools they already trust. */
export function verificationSection(data: ReportData): LayoutSection {
  const { checkpoint, signer, previous } = data;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: 'This report carries a PAdES baseline (B-B) signature: a CMS SignedData over the whole file except the signature itself, with the signer\'s certificate and its issuer. Obtain the organisation\'s root certificate (root.pem, from `chainward report ca --export root.pem`) through a channel you trust and check that its fingerprint equals the trust anchor below.',
    },
    {
      kind: 'fields',
      rows: [
        { label: 'Signing certificate SHA-256', value: signer.fingerprint, mono: true },
        { label: 'Trust anchor SHA-256', value: signer.rootFingerprint ?? 'the configured issuer (not known to Chainward)', mono: Boolean(signer.rootFingerprint) },
        { label: 'Ledger public key', value: checkpoint.publicKey, mono: true },
        { label: 'Checkpoint', value: `${checkpoint.origin}, tree size ${checkpoint.treeSize}, root ${checkpoint.rootHash}`, mono: false },
      ],
    },
    { kind: 'heading', text: 'The signed checkpoint' },
    { kind: 'code', lines: checkpoint.note.replace(/\n$/, '').split('\n') },
    { kind: 'heading', text: '1. With Chainward' },
    {
      kind: 'code',
      lines: [
        '# the signature, the chain to the root, and the checkpoint against the ledger (database):',
        'chainward report verify report.pdf --ca root.pem',
        '# offline, against an audit bundle the organisation exports:',
        `chainward audit export --to ${checkpoint.treeSize} -o bundle.json`,
        'chainward report verify report.pdf --ca root.pem --bundle bundle.json',
        '# exit 0: valid; 1: invalid, with the reason; 2: unreadable input',
      ],
    },
    { kind: 'heading', text: '2. With Poppler and NSS' },
    {
      kind: 'code',
      lines: [
        'mkdir nssdb && certutil -N -d sql:nssdb --empty-password',
        'certutil -A -n chainward-root -t ",C," -i root.pem -d sql:nssdb',
        'pdfsig -nssdir sql:nssdb report.pdf',
        '# expect "Signature is Valid." and "Certificate is Trusted."; pdfsig exits 0 either way',
      ],
    },
    { kind: 'heading', text: '3. With OpenSSL' },
    {
      kind: 'code',
      lines: [
        "set -- $(grep -a -o '/ByteRange \\[[0-9 ]*\\]' report.pdf | tr -dc '0-9 ')",
        '{ head -c "$2" report.pdf; tail -c +"$(($3 + 1))" report.pdf | head -c "$4"; } > signed-content.bin',
        'head -c "$(($3 - 1))" report.pdf | tail -c +"$(($2 + 2))" | xxd -r -p > signature.der',
        'openssl cms -verify -binary -inform DER -in signature.der -content signed-content.bin \\',
        '  -CAfile root.pem -purpose any -out /dev/null',
        'openssl x509 -in root.pem -noout -fingerprint -sha256',
      ],
    },
    { kind: 'heading', text: '4. The attachments and the ledger' },
    {
      kind: 'code',
      lines: [
        'pdfdetach -saveall report.pdf   # chainward-report.json, checkpoint.txt, ledger.pub',
        'chainward audit verify --bundle bundle.json --public-key ledger.pub',
        `chainward audit proof inclusion <seq> --tree-size ${checkpoint.treeSize}`,
        ...(previous ? [`chainward audit proof consistency ${previous.treeSize} ${checkpoint.treeSize}`] : []),
      ],
    },
    {
      kind: 'paragraph',
      tone: 'muted',
      text: 'chainward-report.json lists what the report is bound to: the checkpoint, the ledger key, each repository\'s scan and SBOM SHA-256, and the digest of the audit trail above (SHA-256 over "<seq> <entry hash>" lines), which `chainward report verify` recomputes from the ledger.',
    },
  ];
  if (previous) {
    blocks.push(
      { kind: 'heading', text: 'Consistency with the previous report' },
      {
        kind: 'paragraph',
        text: `The previous report of this scope (${previous.reportId}) was bound to tree size ${previous.treeSize}, root ${previous.rootHash}. The RFC 9162 consistency proof below shows that the ledger only grew since: no entry it covered was changed or removed.`,
      },
      { kind: 'code', lines: previous.consistencyProof.length > 0 ? previous.consistencyProof : ['(empty: the two trees are the same size)'] },
    );
  }
  return { title: 'How to verify this report', newPage: true, blocks, children: [] };
}
