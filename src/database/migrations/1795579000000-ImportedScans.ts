import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scans may come from an SBOM made by another tool: where a scan came from, and for imports what was read. */
export class ImportedScans1795579000000 implements MigrationInterface {
  name = 'ImportedScans1795579000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scans" ADD "origin" text NOT NULL DEFAULT 'scan'`);
    await queryRunner.query(`ALTER TABLE "scans" ADD "imported_from" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scans" DROP COLUMN "imported_from"`);
    await queryRunner.query(`ALTER TABLE "scans" DROP COLUMN "origin"`);
  }
}
