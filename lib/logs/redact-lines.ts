// Redaction of a tail fetched with timestamps=true (fetch.ts): each line starts with the
// kubelet's time and a space (lib/text/log-stamp.ts), which the program did not print. The rules
// run over the whole text as stored (a private key block spans lines and their times), then over
// each line's own words without the time, so a LIFELINE_LOG_REDACT pattern anchored at a line's
// start (`/^secret-\w+/m`) matches there as it would in the program's output.
import { leadingTime } from "../text/log-stamp";
import { redact, type RedactRule } from "./redact";

export function redactLog(text: string, rules: readonly RedactRule[]): string {
  return redact(text, rules)
    .split("\n")
    .map((line) => {
      const stamp = leadingTime(line);
      if (!stamp) return line;
      const time = line.slice(0, line.length - stamp.rest.length);
      return time + redact(stamp.rest, rules);
    })
    .join("\n");
}
