/**
 * @module store/objections/objection-settings
 * The organisation's response period for Art. 21 objections, in days; absent, one calendar
 * month (Art. 12(3)).
 */
import { eq } from "drizzle-orm";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { ActorClock, StoreDeps } from "../context.ts";
import type { Db } from "../db.ts";
import { settings } from "../schema.ts";

/** The settings key of the organisation's response period in days (absent: one month). */
export const RESPONSE_DAYS_KEY = "objections.responseDays";

export interface ObjectionSettings {
  /** Days to respond; null: one calendar month (Art. 12(3)). */
  responseDays: number | null;
}

export async function objectionSettingsIn(db: Pick<Db, "select">): Promise<ObjectionSettings> {
  const rows = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, RESPONSE_DAYS_KEY));
  const v = rows[0]?.value;
  return { responseDays: typeof v === "number" ? v : null };
}

export function getObjectionSettings({ db }: StoreDeps): Promise<ObjectionSettings> {
  return objectionSettingsIn(db);
}

export async function setObjectionSettings(
  { db, cache }: StoreDeps,
  input: ObjectionSettings,
  ctx: ActorClock,
): Promise<ObjectionSettings> {
  await writeTransaction(db, cache, async (tx) => {
    if (input.responseDays === null) {
      await tx.delete(settings).where(eq(settings.key, RESPONSE_DAYS_KEY));
    } else {
      await tx
        .insert(settings)
        .values({ key: RESPONSE_DAYS_KEY, value: input.responseDays })
        .onConflictDoUpdate({ target: settings.key, set: { value: input.responseDays } });
    }
    await appendAudit(
      tx,
      {
        actor: ctx.actor,
        action: "settings.objections",
        entityId: RESPONSE_DAYS_KEY,
        data: { responseDays: input.responseDays },
      },
      ctx.now,
    );
  });
  return objectionSettingsIn(db);
}
