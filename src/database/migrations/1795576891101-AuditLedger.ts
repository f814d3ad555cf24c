import type { MigrationInterface, QueryRunner } from 'typeorm';

const LEDGER_TABLES = ['audit_entries', 'audit_checkpoints'] as const;

/**
 * The audit ledger: entries and signed checkpoints, append-only. Row-level BEFORE UPDATE / DELETE triggers and a
 * statement-level BEFORE TRUNCATE trigger refuse every change, set ENABLE ALWAYS so that
 * `session_replication_role = replica` cannot skip them; UPDATE, DELETE and TRUNCATE are also withheld from PUBLIC
 * (the application role should hold only SELECT and INSERT; see the README). A superuser can still get round all
 * this, which is why the entries are hash-chained and the checkpoints also kept outside the database.
 */
export class AuditLedger1795576891101 implements MigrationInterface {
  name = 'AuditLedger1795576891101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entries" ("seq" bigint NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_kind" text NOT NULL, "actor_id" text NOT NULL, "actor_version" text, "action" text NOT NULL, "subject" jsonb NOT NULL, "inputs_digest" text, "outputs_digest" text, "policy_version" text, "rationale" text NOT NULL, "payload" jsonb NOT NULL, "prev_hash" text NOT NULL, "leaf_hash" text NOT NULL, CONSTRAINT "pk_audit_entries" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_entries_action" ON "audit_entries" ("action", "seq")`);
    await queryRunner.query(
      `CREATE TABLE "audit_checkpoints" ("tree_size" bigint NOT NULL, "root_hash" text NOT NULL, "note" text NOT NULL, "frontier" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_audit_checkpoints" PRIMARY KEY ("tree_size"))`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "audit_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    for (const table of LEDGER_TABLES) {
      await queryRunner.query(`CREATE TRIGGER "${table}_no_update" BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "audit_reject_change"()`);
      await queryRunner.query(`CREATE TRIGGER "${table}_no_delete" BEFORE DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "audit_reject_change"()`);
      await queryRunner.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "audit_reject_change"()`);
      for (const operation of ['update', 'delete', 'truncate']) {
        await queryRunner.query(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER "${table}_no_${operation}"`);
      }
      await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM PUBLIC`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // DROP TABLE is not a row change: the triggers go with the tables.
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION "audit_reject_change"()`);
  }
}
