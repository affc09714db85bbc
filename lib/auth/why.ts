// Why the sign-in page was opened (`/login?why=<key>`): a key from this list picks one of our own
// sentences (English and Chinese); any other value shows nothing, so a link cannot put its own
// words in the page's alert.
import type { MessageKey } from "@/lib/i18n";

export const WHY = {
  "sign-in": "login.why.signIn",
  "wrong-token": "login.why.wrongToken",
  "link-invalid": "login.why.linkInvalid",
  "link-expired": "login.why.linkExpired",
  "proxy-mode": "login.why.proxyMode",
  "no-sign-in": "login.why.noSignIn",
  "too-many": "login.why.tooMany",
} as const satisfies Record<string, MessageKey>;

export type Why = keyof typeof WHY;

export function whyMessage(value: string | null | undefined): MessageKey | null {
  return value && Object.hasOwn(WHY, value) ? WHY[value as Why] : null;
}
