import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published policy sets (immutable, unique by name and version), their activations per scope (history: the latest
 * of a scope is in force), waivers stored through the CLI or API (revoked, never deleted), and the link from an
 * evaluation to the published set it used.
 */
export class PolicySetsAndWaivers1795582606955 implements MigrationInterface {
  name = 'PolicySetsAndWaivers1795582606955';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "policy_sets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "version" text NOT NULL, "digest" text NOT NULL, "waivers_digest" text NOT NULL, "policy_text" text NOT NULL, "waivers_text" text, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "published_by" text NOT NULL, "message" text NOT NULL, CONSTRAINT "PK_fe335c44f3ffa74d2d6a19dc92b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_policy_sets_name_version" ON "policy_sets" ("name", "version")`);
    await queryRunner.query(
      `CREATE TABLE "policy_activations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scope" text NOT NULL, "policy_set_id" uuid NOT NULL, "activated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "activated_by" text NOT NULL, "message" text, CONSTRAINT "PK_b8de89d4d7c00183fac2c0d2e6a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_policy_activations_scope_activated" ON "policy_activations" ("scope", "activated_at")`);
    await queryRunner.query(
      `CREATE TABLE "waivers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rule" text NOT NULL, "purl" text, "file" text, "advisory" text, "repositories" jsonb, "reason" text NOT NULL, "approver" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" text, "revocation_reason" text, CONSTRAINT "PK_79c78ef719b30d113528b6cd9c2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "policy_results" ADD "policy_set_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "policy_activations" ADD CONSTRAINT "fk_policy_activations_policy_set" FOREIGN KEY ("policy_set_id") REFERENCES "policy_sets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy_results" ADD CONSTRAINT "fk_policy_results_policy_set" FOREIGN KEY ("policy_set_id") REFERENCES "policy_sets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy_results" DROP CONSTRAINT "fk_policy_results_policy_set"`);
    await queryRunner.query(`ALTER TABLE "policy_results" DROP COLUMN "policy_set_id"`);
    await queryRunner.query(`DROP TABLE "waivers"`);
    await queryRunner.query(`DROP TABLE "policy_activations"`);
    await queryRunner.query(`DROP TABLE "policy_sets"`);
  }
}
