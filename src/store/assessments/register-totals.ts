/**
 * @module store/assessments/register-totals
 * The register's totals as the database keeps them (migration 0009: triggers on
 * `assessments` add and take away on every write): one row per key, `""` for the whole
 * register and `outcome:…`, `status:…`, `basis:…`, `specialCategory:…`, `children:…` for each
 * single filter. Declared here, not in schema.ts, because it is derived from the assessments:
 * backups leave it out, and a restore rebuilds it as it inserts their rows.
 */
import { bigint, pgTable, text } from "drizzle-orm/pg-core";

export const registerTotals = pgTable("register_totals", {
  key: text("key").primaryKey(),
  n: bigint("n", { mode: "number" }).notNull(),
});
