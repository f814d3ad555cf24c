import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A scanned repository, identified by where it was scanned from (a path or a remote URL). */
@Entity({ name: 'repositories' })
export class RepositoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Absolute path of the checkout, or the remote URL: how the same repository is recognised again. */
  @Index('uq_repositories_location', { unique: true })
  @Column({ type: 'text' })
  location!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
