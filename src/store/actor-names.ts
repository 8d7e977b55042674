/**
 * @module store/actor-names
 * Who did something is kept as the actor (`user:<id>` or `token:<id>`), so a renamed user
 * reads under their current name; this turns an actor column into that name for a select.
 */
import { type AnyColumn, sql } from "drizzle-orm";
import { apiTokens, users } from "./schema.ts";

/** The name of the user or API token an actor column names; null when it no longer exists. */
export function actorName(column: AnyColumn) {
  return sql<string | null>`coalesce(
    (select ${users.name} from ${users} where 'user:' || ${users.id}::text = ${column}),
    (select ${apiTokens.name} from ${apiTokens} where 'token:' || ${apiTokens.id}::text = ${column})
  )`;
}
