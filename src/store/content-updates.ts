/**
 * @module store/content-updates
 * Noticing that built-in content an approved assessment relies on has changed since the last
 * start: a hash of each template and of each entry of the reference library is kept in the
 * settings table. When a new release changes one, every assessment in force that started
 * from that template, or cites that reference (in its stored findings or its interests'
 * recognisedBy), gets a content-updated review trigger naming what changed.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { CONTENT_DIR } from "../content/paths.ts";
import { loadReferences } from "../content/references.ts";
import { listTemplates, loadTemplate } from "../content/templates.ts";
import type { Evaluation } from "../core/rules/types.ts";
import type { Assessment } from "../core/schema/index.ts";
import { canonical, writeTransaction } from "./audit.ts";
import type { ActorClock, StoreDeps } from "./context.ts";
import { IN_FORCE } from "./reviews/in-force.ts";
import { type ReviewTrigger, raiseTriggerIn } from "./reviews/raise-trigger.ts";
import { assessments, assessmentVersions, settings } from "./schema.ts";

const KEY = "content.hashes";

export interface ContentHashes {
  /** Template id → hash of its content. */
  templates: Record<string, string>;
  /** The whole library, so an unchanged library is settled without looking at entries. */
  library: string;
  /** Reference id → hash of its entry. */
  references: Record<string, string>;
  /**
   * A digest of the bytes of the files the hashes were made from: while it is unchanged, a
   * start need not parse the content again to know nothing changed.
   */
  sources?: string;
}

export interface ContentCheck {
  /** No hashes were stored yet: this start only stored them. */
  first: boolean;
  changedTemplates: string[];
  changedReferences: string[];
  triggers: ReviewTrigger[];
}

const hash = (v: unknown) => createHash("sha256").update(canonical(v)).digest("hex");

/** A digest of the names and bytes of the built-in content files (templates, references). */
export function builtInContentSources(): string {
  const h = createHash("sha256");
  const templates = join(CONTENT_DIR, "templates");
  const files = [
    ...readdirSync(templates)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => join(templates, f)),
    join(CONTENT_DIR, "references.yaml"),
  ];
  for (const f of files) h.update(`${f.slice(CONTENT_DIR.length)}\0`).update(readFileSync(f));
  return h.digest("hex");
}

/**
 * The hashes of the content shipped with this build: of its meaning (parsed and put in
 * canonical form), so a release that only reformats a file or edits a comment changes none.
 */
export function builtInContentHashes(): ContentHashes {
  const templates: Record<string, string> = {};
  for (const t of listTemplates()) templates[t.id] = hash(loadTemplate(t.id));
  const library = loadReferences();
  const references: Record<string, string> = {};
  for (const r of library.references) references[r.id] = hash(r);
  return { templates, library: hash(library), references, sources: builtInContentSources() };
}

/** Keys whose hash differs, or that are gone, between what was stored and what is now. */
function changed(before: Record<string, string>, now: Record<string, string>): string[] {
  return Object.keys(before)
    .filter((k) => before[k] !== now[k])
    .sort();
}

function citedRefs(doc: Assessment, evaluation: Evaluation): Set<string> {
  const refs = new Set<string>();
  for (const f of evaluation.findings ?? []) for (const r of f.refs) refs.add(r);
  for (const i of doc.lia?.interests ?? []) for (const r of i.recognisedBy ?? []) refs.add(r);
  return refs;
}

/**
 * Compare `given` (the built-in content by default) with the stored hashes, raise the
 * triggers, store it. The settings row is locked for the whole check, so of several
 * instances starting together on one database only the first does the work. When the
 * content files are byte for byte those the stored hashes were made from, nothing is parsed.
 */
export async function checkContentUpdates(
  { db, cache }: StoreDeps,
  ctx: ActorClock,
  given?: ContentHashes,
): Promise<ContentCheck> {
  const sources = given ? given.sources : builtInContentSources();
  return writeTransaction(db, cache, async (tx) => {
    await tx.execute(
      sql`insert into settings (key, value) values (${KEY}, 'null'::jsonb) on conflict (key) do nothing`,
    );
    const row = await tx
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, KEY))
      .for("update");
    const before = row[0]?.value as ContentHashes | null | undefined;
    if (before && sources !== undefined && before.sources === sources)
      return { first: false, changedTemplates: [], changedReferences: [], triggers: [] };
    const current = given ?? builtInContentHashes();
    const store = () => tx.update(settings).set({ value: current }).where(eq(settings.key, KEY));
    if (!before) {
      await store();
      return { first: true, changedTemplates: [], changedReferences: [], triggers: [] };
    }
    const changedTemplates = changed(before.templates, current.templates);
    const changedReferences =
      before.library === current.library ? [] : changed(before.references, current.references);
    const triggers: ReviewTrigger[] = [];
    if (changedTemplates.length > 0 || changedReferences.length > 0) {
      const rows = await tx
        .select({
          id: assessments.id,
          document: assessmentVersions.document,
          evaluation: assessmentVersions.evaluation,
        })
        .from(assessments)
        .innerJoin(
          assessmentVersions,
          and(
            eq(assessmentVersions.assessmentId, assessments.id),
            // The version in force: the approved one where a later draft exists.
            eq(
              assessmentVersions.version,
              sql`coalesce(${assessments.approvedVersion}, ${assessments.currentVersion})`,
            ),
          ),
        )
        .where(IN_FORCE)
        .orderBy(assessments.slug);
      for (const r of rows) {
        const doc = r.document;
        const parts: string[] = [];
        if (doc.template && changedTemplates.includes(doc.template))
          parts.push(`the template "${doc.template}" it started from was updated`);
        const cited = citedRefs(doc, r.evaluation);
        const refs = changedReferences.filter((id) => cited.has(id));
        if (refs.length > 0)
          parts.push(
            `the reference${refs.length > 1 ? "s" : ""} ${refs.join(", ")} it cites changed`,
          );
        if (parts.length === 0) continue;
        triggers.push(
          await raiseTriggerIn(
            tx,
            r.id,
            "content-updated",
            `Content updated: ${parts.join("; ")}.`,
            ctx,
          ),
        );
      }
    }
    await store();
    return { first: false, changedTemplates, changedReferences, triggers };
  });
}
