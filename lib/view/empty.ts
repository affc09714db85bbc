// What the overview says when it has no row to show: that the filters match nothing (naming the
// namespaces asked for, which may not exist), that the window had no pod, or that the cluster has
// none. Pure.
import type { MessageKey, Vars } from "../i18n";

export interface EmptyInput {
  /** Rows the server sent (before the page's own filters: status, node, search). */
  total: number;
  live: boolean;
  namespaces: string[];
  selector: string;
}

export function emptyMessage(s: EmptyInput): { key: MessageKey; vars: Vars } {
  // The page's own filters left nothing of what came.
  if (s.total > 0) return { key: "ov.empty.filtered", vars: {} };
  // The server's filters: a namespace with no pod (or none such), a selector nothing matches.
  if (s.namespaces.length)
    return {
      key: s.selector.trim() ? "ov.empty.namespacesSelector" : "ov.empty.namespaces",
      vars: { ns: s.namespaces.join(", ") },
    };
  if (s.selector.trim()) return { key: "ov.empty.filtered", vars: {} };
  return { key: s.live ? "ov.empty.cluster" : "ov.empty.window", vars: {} };
}
