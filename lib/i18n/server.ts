// The language of a server-rendered page: the saved choice, else the browser's Accept-Language.
import { cookies, headers } from "next/headers";
import { LANG_COOKIE, pickLang, type Lang } from "./index";

export async function requestLang(): Promise<Lang> {
  return pickLang(
    (await cookies()).get(LANG_COOKIE)?.value,
    (await headers()).get("accept-language"),
  );
}
