import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Repositories, scans, their components, dependency edges and stored SBOM documents. */
export class InitialScans1764037200000 implements MigrationInterface {
  name = 'InitialScans1764037200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "repositories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "location" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ef0c358c04b4f4d29b8ca68ddff" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_repositories_location" ON "repositories" ("location")`);
    await queryRunner.query(
      `CREATE TABLE "scans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "repository_id" uuid NOT NULL, "commit_sha" text, "branch" text, "status" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "tool_version" text NOT NULL, "sbom_digest" text, "component_count" integer NOT NULL DEFAULT '0', "lockfiles" jsonb NOT NULL DEFAULT '[]', "warnings" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_41156c08314b9e541c1cb18c588" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_scans_repository_started" ON "scans" ("repository_id", "started_at")`);
    await queryRunner.query(
      `CREATE TABLE "components" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "scan_id" uuid NOT NULL, "ref" text NOT NULL, "purl" text NOT NULL, "ecosystem" text NOT NULL, "group_name" text, "name" text NOT NULL, "version" text NOT NULL, "type" text NOT NULL, "scope" text NOT NULL, "development" boolean NOT NULL, "direct" boolean NOT NULL, "licenses" jsonb NOT NULL DEFAULT '[]', "hashes" jsonb NOT NULL DEFAULT '[]', "source_file" text NOT NULL, "properties" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_0d742661c63926321b5f5eac1ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_components_purl" ON "components" ("purl")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_components_scan_ref" ON "components" ("scan_id", "ref")`);
    await queryRunner.query(
      `CREATE TABLE "dependency_edges" ("scan_id" uuid NOT NULL, "from_ref" text NOT NULL, "to_ref" text NOT NULL, CONSTRAINT "PK_47639eeb15f13a536f4a1d50af2" PRIMARY KEY ("scan_id", "from_ref", "to_ref"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sbom_documents" ("scan_id" uuid NOT NULL, "format" text NOT NULL, "spec_version" text NOT NULL, "serial_number" text NOT NULL, "digest" text NOT NULL, "content" text NOT NULL, CONSTRAINT "PK_151905715424f04f253faea1144" PRIMARY KEY ("scan_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "scans" ADD CONSTRAINT "fk_scans_repository" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "components" ADD CONSTRAINT "fk_components_scan" FOREIGN KEY ("scan_id") REFERENCES "scans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dependency_edges" ADD CONSTRAINT "fk_dependency_edges_scan" FOREIGN KEY ("scan_id") REFERENCES "scans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sbom_documents" ADD CONSTRAINT "fk_sbom_documents_scan" FOREIGN KEY ("scan_id") REFERENCES "scans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sbom_documents"`);
    await queryRunner.query(`DROP TABLE "dependency_edges"`);
    await queryRunner.query(`DROP TABLE "components"`);
    await queryRunner.query(`DROP TABLE "scans"`);
    await queryRunner.query(`DROP TABLE "repositories"`);
  }
}
