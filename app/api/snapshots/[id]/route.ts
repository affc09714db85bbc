import { sameOrigin } from "@/lib/auth/http";
import { accessOf, Denied, requireNamespace } from "@/lib/auth/request";
import { answer, problem, textJson } from "@/lib/routes/respond";
import { SNAPSHOT_ID, snapshots } from "@/lib/store/snapshots";

export const dynamic = "force-dynamic";

const NOT_FOUND =
  "There is no such snapshot: it was deleted, its retention ended, or the link is mistyped.";

/** A snapshot by id: the id is the capability (no sign-in needed to read it). */
export function GET(
  _request: Request,
  ctx: { params: Promise<{ id: string }> },
): Promise<Response> {
  return answer(async () => {
    const { id } = await ctx.params;
    if (!SNAPSHOT_ID.test(id))
      return problem(400, "A snapshot id is 24 characters of letters, digits, '-' and '_'.");
    const s = snapshots().get(id, Date.now());
    return s ? textJson(s) : problem(404, NOT_FOUND);
  });
}

/** Deleting takes a signed-in person with access to the snapshot's namespace. */
export function DELETE(
  request: Request,
  ctx: { params: Promise<{ id: string }> },
): Promise<Response> {
  return answer(async () => {
    if (!sameOrigin(request))
      return problem(403, "A deletion requested from another site is refused.");
    const access = accessOf(request.headers);
    const { id } = await ctx.params;
    if (!SNAPSHOT_ID.test(id))
      return problem(400, "A snapshot id is 24 characters of letters, digits, '-' and '_'.");
    const store = snapshots();
    const s = store.get(id, Date.now());
    if (!s) return problem(404, NOT_FOUND);
    if (access.role !== "admin")
      throw new Denied(
        403,
        "Viewer links are read-only: snapshots are deleted by people who sign in.",
      );
    // Deleting takes access to everything it holds (an overview of every namespace: all of them).
    if (s.namespaces === null && access.namespaces !== null)
      throw new Denied(
        403,
        "This snapshot covers every namespace; deleting it takes access to all of them.",
      );
    for (const ns of s.namespaces ?? []) requireNamespace(access, ns);
    store.delete(id);
    return new Response(null, { status: 204 });
  });
}
