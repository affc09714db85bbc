import { json } from "@/lib/live/respond";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return json({ ok: true });
}
