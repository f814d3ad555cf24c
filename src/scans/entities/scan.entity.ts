import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { RepositoryEntity } from './repository.entity.js';

export type ScanStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** How the scan's components were obtained: Chainward read the lockfiles, or an SBOM from another tool was imported. */
/** `scan`: scanned here; `import`: an SBOM made by another tool; `gate`: reported by a CI gate run elsewhere. */
export type ScanOrigin = 'scan' | 'import' | 'gate';

/** What an imported scan was read from. */
export interface ImportedFrom {
  /** The file as given on the command line. */
  file: string;
  format: string;
  specVersion: string;
  /** The tools the document names as its makers (metadata.tools, creationInfo.creators). */
  tools: Array<{ name: string; version?: string }>;
  /** CycloneDX serial number or SPDX document namespace. */
  serialNumber: string | null;
}

/** One scan of a repository: when, at which commit, with which tool, and the SBOM it produced. */
@Entity({ name: 'scans' })
@Index('ix_scans_repository_started', ['repositoryId', 'startedAt'])
export class ScanEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'repository_id', type: 'uuid' })
  repositoryId!: string;

  @ManyToOne(() => RepositoryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'repository_id', foreignKeyConstraintName: 'fk_scans_repository' })
  repository?: Relation<RepositoryEntity>;

  /** Commit SHA when the scanned directory is a git checkout. */
  @Column({ name: 'commit_sha', type: 'text', nullable: true })
  commitSha!: string | null;

  @Column({ type: 'text', nullable: true })
  branch!: string | null;

  @Column({ type: 'text' })
  status!: ScanStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'tool_version', type: 'text' })
  toolVersion!: string;

  /** SHA-256 of the stored SBOM document. */
  @Column({ name: 'sbom_digest', type: 'text', nullable: true })
  sbomDigest!: string | null;

  @Column({ name: 'component_count', type: 'integer', default: 0 })
  componentCount!: number;

  /** Lockfiles read, relative to the repository root. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  lockfiles!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: Array<{ file: string; message: string }>;

  @Column({ type: 'text', default: 'scan' })
  origin!: ScanOrigin;

  /** Set when `origin` is `import`. */
  @Column({ name: 'imported_from', type: 'jsonb', nullable: true })
  importedFrom!: ImportedFrom | null;
}
