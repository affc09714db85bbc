// What is removed from a captured log before anything is stored: a default list of secret shapes
// (bearer tokens, password=…, cloud access keys, private keys, credentials in URLs, well-known
// token formats) and the patterns LIFELINE_LOG_REDACT adds. Each match becomes [REDACTED].

export const REDACTED = "[REDACTED]";

/** A pattern and what keeps its match's first part (a key name: `password=`), when it has one. */
export interface RedactRule {
  pattern: RegExp;
  /** Keep capture group 1 (the key, `Bearer `) and replace the rest. */
  keepPrefix: boolean;
}

const KEY_NAMES =
  "password|passwd|pwd|passphrase|pass|secret|session(?:[_-]?id)?|client[_-]?secret|token|access[_-]?token|refresh[_-]?token|auth[_-]?token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|aws[_-]?secret[_-]?access[_-]?key|private[_-]?key|credentials?";

/** The default list (docs/live-pipeline.md#captured-logs names each). */
export const DEFAULT_REDACTIONS: RedactRule[] = [
  // -----BEGIN RSA PRIVATE KEY----- … -----END RSA PRIVATE KEY----- (or a tail cut inside one).
  {
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    keepPrefix: false,
  },
  // Authorization: Bearer …, Basic …; a bare "Bearer <token>" too.
  { pattern: /(\b(?:Bearer|Basic)\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi, keepPrefix: true },
  // password=…, "token": "…", api_key: …, AWS_SECRET_ACCESS_KEY=…
  {
    pattern: new RegExp(
      `((?:${KEY_NAMES})["']?\\s*[=:]\\s*)("[^"\\n]*"|'[^'\\n]*'|[^\\s&,;"']+)`,
      "gi",
    ),
    keepPrefix: true,
  },
  // Command-line flags with the value after a space: --password hunter2, --db-password '…',
  // --passphrase, --token, --api-key (the `=` form is the rule above). Not a bare -p…: `ls -p`,
  // `ps -p 1234`, `mysql -pSECRET` cannot be told apart, and `--password-stdin`/`--token-file`
  // name where a secret comes from, not the secret.
  {
    pattern:
      /(--(?:[a-z0-9]+[-_])*(?:password|passwd|passphrase|secret|token|api[-_]?key)\s+)(?!--)("[^"\n]*"|'[^'\n]*'|[^\s"']+)/gi,
    keepPrefix: true,
  },
  // Cookie and Set-Cookie headers: every cookie's value (session ids) to the end of the line.
  { pattern: /(\b(?:Set-)?Cookie:[ \t]*)[^\r\n]+/gi, keepPrefix: true },
  // scheme://user:password@host
  { pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/gi, keepPrefix: true },
  // AWS access key ids (AKIA…, ASIA… temporary ones).
  { pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/g, keepPrefix: false },
  // Stripe secret and restricted keys (live and test), GitLab personal access tokens.
  { pattern: /\b[sr]k_(?:live|test)_[0-9A-Za-z]{10,}/g, keepPrefix: false },
  { pattern: /\bglpat-[0-9A-Za-z_-]{20,}/g, keepPrefix: false },
  // Google API keys, GitHub and Slack tokens, JSON Web Tokens.
  { pattern: /\bAIza[0-9A-Za-z\-_]{35}\b/g, keepPrefix: false },
  {
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g,
    keepPrefix: false,
  },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, keepPrefix: false },
  {
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    keepPrefix: false,
  },
];

/**
 * LIFELINE_LOG_REDACT: more patterns, one regular expression per line (a JSON array of strings
 * also works); `/…/i` gives flags. Throws a sentence naming the pattern that cannot be read.
 */
export function redactionsFrom(text: string | undefined): RedactRule[] {
  if (!text || !text.trim()) return [];
  let sources: unknown;
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      sources = JSON.parse(trimmed);
    } catch {
      throw new Error(
        `LIFELINE_LOG_REDACT starts with "[" but is not a JSON array of strings; write one regular expression per line, or a JSON array of them`,
      );
    }
    if (!Array.isArray(sources) || sources.some((s) => typeof s !== "string"))
      throw new Error(
        `LIFELINE_LOG_REDACT as JSON must be an array of strings (regular expressions)`,
      );
  } else sources = trimmed.split(/\r?\n/);
  return (sources as string[])
    .map((s) => s.trim())
    .filter(Boolean)
    .map((source, i) => {
      const slashed = /^\/(.+)\/([a-z]*)$/s.exec(source);
      const body = slashed ? slashed[1] : source;
      const flags = new Set((slashed?.[2] ?? "").split("").filter(Boolean));
      for (const f of flags)
        if (!"imsu".includes(f))
          throw new Error(
            `LIFELINE_LOG_REDACT pattern ${i + 1} (${JSON.stringify(source.slice(0, 80))}) has flag "${f}"; only i, m, s and u are allowed`,
          );
      flags.add("g");
      let pattern: RegExp;
      try {
        pattern = new RegExp(body, [...flags].join(""));
      } catch (err) {
        throw new Error(
          `LIFELINE_LOG_REDACT pattern ${i + 1} (${JSON.stringify(source.slice(0, 80))}) is not a valid regular expression: ${(err as Error).message}`,
        );
      }
      if (pattern.test("")) {
        throw new Error(
          `LIFELINE_LOG_REDACT pattern ${i + 1} (${JSON.stringify(source.slice(0, 80))}) matches the empty string, so it would redact nothing useful; make it match the secret itself`,
        );
      }
      return { pattern, keepPrefix: false };
    });
}

/** The text with every rule's matches replaced by [REDACTED]. */
export function redact(text: string, rules: readonly RedactRule[]): string {
  let out = text;
  for (const { pattern, keepPrefix } of rules) {
    pattern.lastIndex = 0;
    out = out.replace(pattern, (match: string, prefix: unknown) => {
      if (!keepPrefix || typeof prefix !== "string") return REDACTED;
      // A quoted value keeps its quotes: "password": "[REDACTED]".
      const q = match.charAt(prefix.length);
      return q === '"' || q === "'" ? `${prefix}${q}${REDACTED}${q}` : prefix + REDACTED;
    });
  }
  return out;
}
