import { live } from "@/lib/live/live";
import { answer, json } from "@/lib/live/respond";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return answer(async () => json((await live()).info()));
}
