/**
 * @module store/sign-off/required-roles
 * The roles that must approve every assessment version: an organisation setting, the DPO
 * alone when none was set.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { SignOffRole as SignOffRoleSchema } from "../../core/schema/assessment.ts";
import type { SignOffRole } from "../../core/vocabulary.ts";
import { DEFAULT_REQUIRED_ROLES } from "../../core/workflow/sign-off.ts";
import { appendAudit, writeTransaction } from "../audit.ts";
import type { StoreDeps, WriteContext } from "../context.ts";
import type { Db } from "../db.ts";
import { settings } from "../schema.ts";

export const REQUIRED_ROLES_KEY = "sign_off.required_roles";
const RequiredRoles = z.array(SignOffRoleSchema).min(1);

/** The required roles as stored, or the default when none were set. */
export async function requiredRolesIn(tx: Pick<Db, "select">): Promise<SignOffRole[]> {
  const rows = await tx
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, REQUIRED_ROLES_KEY));
  const parsed = RequiredRoles.safeParse((rows[0]?.value as { roles?: unknown })?.roles);
  return parsed.success ? parsed.data : [...DEFAULT_REQUIRED_ROLES];
}

export function getRequiredRoles({ db }: StoreDeps): Promise<SignOffRole[]> {
  return requiredRolesIn(db);
}

export async function setRequiredRoles(
  { db, cache }: StoreDeps,
  roles: SignOffRole[],
  ctx: WriteContext,
): Promise<SignOffRole[]> {
  const unique = [...new Set(roles)];
  RequiredRoles.parse(unique);
  return writeTransaction(db, cache, async (tx) => {
    const previous = await requiredRolesIn(tx);
    await tx
      .insert(settings)
      .values({ key: REQUIRED_ROLES_KEY, value: { roles: unique } })
      .onConflictDoUpdate({ target: settings.key, set: { value: { roles: unique } } });
    await appendAudit(
      tx,
      {
        actor: ctx.actor,
        action: "settings.sign-off",
        entityId: REQUIRED_ROLES_KEY,
        data: { roles: unique, previous },
      },
      ctx.now,
    );
    return unique;
  });
}
