// Label selectors as the API server reads them (`app=web,tier!=db,env in (a,b),!legacy`, and the
// matchLabels / matchExpressions object form). Shared by the demo cluster, the API routes and the
// overview's filter; bad syntax throws a SelectorError with the API server's sentence.
import { quoteInput } from "../text/quote";

export class SelectorError extends Error {}

export type LabelMatcher = (labels: Record<string, string>) => boolean;

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

interface Requirement {
  key: string;
  op: "=" | "!=" | "in" | "notin" | "exists" | "!exists";
  values: string[];
}

/** Parses `app=web,tier!=db,env in (a,b),!legacy`; empty matches everything. */
export function parseLabelSelector(text: string | null): LabelMatcher {
  if (!text || !text.trim()) return () => true;
  const requirements = splitTopLevel(text).map(parseRequirement);
  return (labels) => requirements.every((r) => matches(r, labels[r.key]));
}

/** A LabelSelector object (matchLabels + matchExpressions), as controllers use; absent matches nothing. */
export function labelSelectorFromObject(sel: LabelSelectorObject | undefined): LabelMatcher {
  if (!sel) return () => false;
  const requirements: Requirement[] = Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({
    key,
    op: "=",
    values: [v],
  }));
  for (const e of sel.matchExpressions ?? []) {
    const op = ({ In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!exists" } as const)[
      e.operator as "In"
    ];
    if (op) requirements.push({ key: e.key, op, values: e.values ?? [] });
  }
  return (labels) => requirements.every((r) => matches(r, labels[r.key]));
}

function matches(r: Requirement, value: string | undefined): boolean {
  switch (r.op) {
    case "=":
      return value === r.values[0];
    case "!=":
      return value !== r.values[0];
    case "in":
      return value !== undefined && r.values.includes(value);
    case "notin":
      return value === undefined || !r.values.includes(value);
    case "exists":
      return value !== undefined;
    case "!exists":
      return value === undefined;
  }
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is not one Kubernetes accepts (apimachinery's IsQualifiedName), or null. */
function keyProblem(key: string): string | null {
  const parts = key.split("/");
  if (parts.length > 2) return 'a key has at most one "/" (prefix/name)';
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (!parts[0] || parts[0].length > 253 || !DNS_SUBDOMAIN.test(parts[0])))
    return "prefix part must be a lowercase DNS subdomain of at most 253 characters (example.com)";
  if (name.length > 63) return "name part must be no more than 63 characters";
  if (!NAME.test(name))
    return "name part must start and end with a letter or digit, with only letters, digits, '-', '_' and '.' between";
  return null;
}

/** Why a label value is not one Kubernetes accepts (IsValidLabelValue), or null; empty is a value. */
function valueProblem(value: string): string | null {
  if (value.length > 63) return "must be no more than 63 characters";
  if (value && !NAME.test(value))
    return "must start and end with a letter or digit, with only letters, digits, '-', '_' and '.' between";
  return null;
}

/** A requirement the API server would refuse (it could never match a label): a SelectorError with why. */
function validated(r: Requirement): Requirement {
  const key = keyProblem(r.key);
  if (key) throw new SelectorError(`unable to parse requirement: key ${quoteInput(r.key)}: ${key}`);
  for (const v of r.values) {
    const problem = valueProblem(v);
    if (problem)
      throw new SelectorError(`unable to parse requirement: value ${quoteInput(v)}: ${problem}`);
  }
  return r;
}

function parseRequirement(term: string): Requirement {
  return validated(parseTerm(term));
}

function parseTerm(term: string): Requirement {
  const t = term.trim();
  let m = /^!\s*([A-Za-z0-9_./-]+)$/.exec(t);
  if (m) return { key: m[1], op: "!exists", values: [] };
  m = /^([A-Za-z0-9_./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t);
  if (m)
    return {
      key: m[1],
      op: m[2] as "in",
      values: m[3]
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
    };
  m = /^([A-Za-z0-9_./-]+)\s*(==|!=|=)\s*([A-Za-z0-9_.-]*)$/.exec(t);
  if (m) return { key: m[1], op: m[2] === "!=" ? "!=" : "=", values: [m[3]] };
  m = /^([A-Za-z0-9_./-]+)$/.exec(t);
  if (m) return { key: m[1], op: "exists", values: [] };
  throw new SelectorError(
    `unable to parse requirement: ${quoteInput(t)}: expected key, !key, key=value, key!=value, key in (a,b) or key notin (a,b)`,
  );
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim());
}
