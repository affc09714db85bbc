// Shared shapes of API answers.
import { Denied } from "../auth/request";
import { storageFailure } from "../store/write-queue";
import { SnapshotTooLarge } from "../store/snapshots";
import { StartError } from "../live/start";
import { log } from "../log/logger";
import { BadInput } from "./params";

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
  });
}

/**
 * json() for answers that carry cluster text a person reads (captured logs): `<`, `>` and `&`
 * written as \u escapes, so no byte of it reads as markup even to a client that sniffs. The same
 * JSON once parsed.
 */
export function textJson(body: unknown, status = 200): Response {
  const text = JSON.stringify(body).replace(
    /[<>&]/g,
    (c) => `\\u00${c.charCodeAt(0).toString(16)}`,
  );
  return new Response(text, {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}

export function problem(status: number, message: string): Response {
  return json({ error: message }, status);
}

/**
 * Runs a handler body: bad input becomes a 400 with its sentence, a snapshot too large to keep a
 * 413; a write the disk refused (full,
 * read-only, failing: a snapshot on a full disk) a 507 that says so; anything else a 500 without a stack.
 */
export async function answer(fn: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BadInput) return problem(400, err.message);
    // Nothing was stored; the sentence says how much and to take a shorter window.
    if (err instanceof SnapshotTooLarge) return problem(413, err.message);
    if (err instanceof Denied)
      return json(
        { error: err.message },
        err.status,
        err.status === 401 ? { "WWW-Authenticate": 'Bearer realm="lifeline"' } : {},
      );
    // By its code too: a start failed in instrumentation's copy of live.ts (Next bundles it apart) is held for every route.
    if (err instanceof StartError || (err as { code?: unknown })?.code === StartError.code)
      return problem(503, (err as Error).message);
    const disk = storageFailure(err);
    if (disk) {
      log.error(`request refused by the disk: ${disk.sentence}`);
      return problem(
        507,
        `Lifeline could not use its data folder: ${disk.sentence.charAt(0).toLowerCase()}${disk.sentence.slice(1)}`,
      );
    }
    log.error({ err }, "request failed");
    return problem(500, "Lifeline could not answer this request; the server log has the details.");
  }
}
