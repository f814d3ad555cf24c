import { chmod, mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { ChainwardError } from '../common/errors.js';
import type { ChainwardConfig } from '../config/index.js';
import { type NoteSigner, formatSignerKey, formatVerifierKey, generateNoteSigner, parseSignerKey } from './domain/index.js';

/** Where the ledger's signing key and its out-of-database checkpoint file live, and the log's name. */
export interface AuditSigningOptions {
  /** Signer key text (`PRIVATE+KEY+…`), mode 0600; created on first use when missing. */
  keyFile: string;
  /** Every checkpoint is appended here too: the trust anchor outside the database. */
  checkpointFile: string;
  /** Log origin = key name, used only when the key is created. */
  origin: string;
}

/** Defaults: $CHAINWARD_HOME/keys/ledger.key, $CHAINWARD_HOME/checkpoints, chainward.local/<host name>. */
export function auditSigningOptions(config: Pick<ChainwardConfig, 'home' | 'audit'>): AuditSigningOptions {
  return {
    keyFile: config.audit?.signingKeyFile ?? path.join(config.home, 'keys', 'ledger.key'),
    checkpointFile: config.audit?.checkpointFile ?? path.join(config.home, 'checkpoints'),
    origin: config.audit?.origin ?? defaultOrigin(),
  };
}

/** `chainward.local/<host name>`, with any character a key name cannot hold replaced. */
export function defaultOrigin(): string {
  return `chainward.local/${hostname().replace(/[\s+]/g, '-') || 'localhost'}`;
}

/**
 * The signing key: read from the key file, or created there (with the public key beside it, `<file>.pub`) when it
 * does not exist yet. Refuses a key file that others can read, as ssh does.
 */
export async function loadOrCreateSigner(options: AuditSigningOptions): Promise<NoteSigner> {
  const existing = await readSigner(options.keyFile);
  if (existing) return existing;
  const signer = generateNoteSigner(options.origin);
  await mkdir(path.dirname(options.keyFile), { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes starting at once cannot both create a key; the loser reads the winner's.
    const handle = await open(options.keyFile, 'wx', 0o600);
    try {
      await handle.writeFile(`${formatSignerKey(signer)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await readSigner(options.keyFile))!;
    throw error;
  }
  await chmod(options.keyFile, 0o600);
  await writeFile(`${options.keyFile}.pub`, `${formatVerifierKey(signer)}\n`, { mode: 0o644 });
  return signer;
}

/** The public key (vkey) of the configured signing key, or null when no key has been created yet. */
export async function readPublicKey(options: AuditSigningOptions): Promise<string | null> {
  const signer = await readSigner(options.keyFile);
  return signer ? formatVerifierKey(signer) : null;
}

async function readSigner(keyFile: string): Promise<NoteSigner | null> {
  let text: string;
  try {
    text = await readFile(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (((await stat(keyFile)).mode & 0o077) !== 0) {
    throw new ChainwardError({
      code: 'audit.key-permissions',
      category: 'bad-input',
      message: `the ledger signing key ${keyFile} can be read by other users; run \`chmod 600 ${keyFile}\``,
    });
  }
  try {
    return parseSignerKey(text.trim());
  } catch (error) {
    throw new ChainwardError({
      code: 'audit.bad-key',
      category: 'bad-input',
      message: `${keyFile}: ${(error as Error).message}`,
      location: { file: keyFile },
      cause: error,
    });
  }
}
