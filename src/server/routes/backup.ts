/**
 * @module server/routes/backup
 * A backup of the whole database from the running server, for administrators: the server
 * holds the PGlite data directory (one writer), so `basis backup --server URL --token T`
 * asks it for the snapshot. Written to a temporary file in one read transaction, then
 * streamed; the request is audited.
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canAdminister } from "../policies.ts";
import { defineRoute } from "../route.ts";

export function backupRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/backup",
      summary:
        "A consistent backup of the whole database (gzip JSON lines, for basis restore); audited",
      tag: "system",
      policy: canAdminister,
      response: { file: ["application/gzip"] as const },
      async handler({ store, reply, actor, now }) {
        const dir = await mkdtemp(join(tmpdir(), "basis-backup-"));
        const file = join(dir, "backup.jsonl.gz");
        try {
          await store.backup(file, { actor, now });
        } catch (e) {
          await rm(dir, { recursive: true, force: true });
          throw e;
        }
        const stream = createReadStream(file);
        stream.once("close", () => void rm(dir, { recursive: true, force: true }));
        const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "");
        reply.header("content-type", "application/gzip");
        reply.header("content-disposition", `attachment; filename="basis-${stamp}.backup.gz"`);
        return stream;
      },
    }),
  ];
}
