// Public API of the audit ledger's pure core: no database, no framework.
export { type JsonObject, type JsonValue, MAX_JSON_DEPTH, canonicalJson, canonicalJsonBytes } from './canonical.js';
export { sha256Digest, sha256DigestOfBytes } from './digest.js';
export {
  ACTOR_KINDS,
  type Actor,
  type ActorKind,
  GENESIS_PREV_HASH,
  type LedgerEntry,
  type LedgerEntryDraft,
  MAX_PAYLOAD_BYTES,
  MAX_SEQ,
  type SealedLedgerEntry,
  type Subject,
  hashedDocument,
  leafHash,
  leafHashBytes,
  sealEntry,
  validateEntry,
} from './entry.js';
export {
  EMPTY_ROOT,
  HASH_SIZE,
  type Hash,
  MAX_TREE_SIZE,
  consistencyProof,
  hashChildren,
  hashLeaf,
  hashesEqual,
  inclusionProof,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
export { MerkleFrontier } from './merkle-frontier.js';
export {
  ED25519_SIGNATURE_TYPE,
  type NoteSigner,
  type NoteVerifier,
  formatSignerKey,
  formatVerifierKey,
  generateNoteSigner,
  isValidKeyName,
  noteKeyId,
  noteSignerFromPrivateKey,
  noteVerifierFromPublicKey,
  parseSignerKey,
  parseVerifierKey,
} from './note-key.js';
export {
  DEFAULT_NOTE_LIMITS,
  type NoteLimits,
  type NoteSignature,
  type SignedNote,
  formatSignedNote,
  openSignedNote,
  parseSignedNote,
  signNote,
} from './signed-note.js';
export {
  type Checkpoint,
  type VerifyCheckpointOptions,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint.js';
export {
  type ChainProblem,
  type ChainProblemKind,
  type ChainReport,
  type ChainStart,
  type VerifyChainOptions,
  verifyChain,
} from './verify-chain.js';
export {
  BUNDLE_FORMAT,
  type BundleInput,
  type BundleReport,
  DEFAULT_MAX_BUNDLE_BYTES,
  type VerifyBundleOptions,
  createBundle,
  verifyBundle,
} from './bundle.js';
