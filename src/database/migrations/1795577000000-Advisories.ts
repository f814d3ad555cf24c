import type { MigrationInterface, QueryRunner } from 'typeorm';

/** OSV advisories and their package lookup, the findings of each scan, and VEX statements per repository. */
export class Advisories1795577000000 implements MigrationInterface {
  name = 'Advisories1795577000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "advisories" ("id" text NOT NULL, "aliases" jsonb NOT NULL DEFAULT '[]', "modified" TIMESTAMP WITH TIME ZONE NOT NULL, "published" TIMESTAMP WITH TIME ZONE, "withdrawn" TIMESTAMP WITH TIME ZONE, "summary" text, "details" text, "severity" jsonb NOT NULL DEFAULT '[]', "affected" jsonb NOT NULL DEFAULT '[]', "references" jsonb NOT NULL DEFAULT '[]', "database_specific" jsonb, "extra" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_d7296456a2d94b0ec905412c5b2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "advisory_packages" ("ecosystem" text NOT NULL, "name" text NOT NULL, "advisory_id" text NOT NULL, CONSTRAINT "PK_b94d564217c7a09e99acc6f72fd" PRIMARY KEY ("ecosystem", "name", "advisory_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_advisory_packages_advisory" ON "advisory_packages" ("advisory_id")`);
    await queryRunner.query(
      `CREATE TABLE "findings" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "scan_id" uuid NOT NULL, "component_ref" text NOT NULL, "purl" text NOT NULL, "advisory_id" text NOT NULL, "aliases" jsonb NOT NULL DEFAULT '[]', "severity" text, "score" double precision, "vector" text, "fixed_versions" jsonb NOT NULL DEFAULT '[]', "fix_above" text, CONSTRAINT "PK_ae9807d6293c23c13ff8804d09c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_findings_advisory" ON "findings" ("advisory_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_findings_scan_component_advisory" ON "findings" ("scan_id", "component_ref", "advisory_id")`);
    await queryRunner.query(
      `CREATE TABLE "vex_statements" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "repository_id" uuid NOT NULL, "vulnerability_id" text NOT NULL, "purl" text NOT NULL, "state" text NOT NULL, "justification" text, "detail" text, "source" text NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0a99b91e6c0986bd18c00cd5b95" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_vex_statements_repository_vulnerability_purl" ON "vex_statements" ("repository_id", "vulnerability_id", "purl")`,
    );
    await queryRunner.query(
      `ALTER TABLE "advisory_packages" ADD CONSTRAINT "fk_advisory_packages_advisory" FOREIGN KEY ("advisory_id") REFERENCES "advisories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "findings" ADD CONSTRAINT "fk_findings_scan" FOREIGN KEY ("scan_id") REFERENCES "scans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "vex_statements" ADD CONSTRAINT "fk_vex_statements_repository" FOREIGN KEY ("repository_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "vex_statements"`);
    await queryRunner.query(`DROP TABLE "findings"`);
    await queryRunner.query(`DROP TABLE "advisory_packages"`);
    await queryRunner.query(`DROP TABLE "advisories"`);
  }
}
