import { json } from "@/lib/routes/respond";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return json({ ok: true });
}
