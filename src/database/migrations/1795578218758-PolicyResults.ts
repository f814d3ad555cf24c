import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Policy results: one evaluation of a policy set on a scan, with its per-rule results and waiver states. */
export class PolicyResults1795578218758 implements MigrationInterface {
  name = 'PolicyResults1795578218758';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "policy_results" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scan_id" uuid NOT NULL, "policy_name" text NOT NULL, "policy_version" text NOT NULL, "policy_digest" text NOT NULL, "waivers_digest" text NOT NULL, "outcome" text NOT NULL, "evaluated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "summary" jsonb NOT NULL, "rules" jsonb NOT NULL, "waivers" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_5fcc8bebdc8f5080dc4c10483be" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_policy_results_scan_evaluated" ON "policy_results" ("scan_id", "evaluated_at")`);
    await queryRunner.query(
      `ALTER TABLE "policy_results" ADD CONSTRAINT "fk_policy_results_scan" FOREIGN KEY ("scan_id") REFERENCES "scans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy_results" DROP CONSTRAINT "fk_policy_results_scan"`);
    await queryRunner.query(`DROP INDEX "public"."ix_policy_results_scan_evaluated"`);
    await queryRunner.query(`DROP TABLE "policy_results"`);
  }
}
