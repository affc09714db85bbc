"use client";
import { useState } from "react";
import { useI18n } from "@/components/I18n";

/** Delete a snapshot (asks first); the server checks that the person may. */
export function SnapshotActions({ id }: { id: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<
    { kind: "idle" } | { kind: "done" } | { kind: "error"; text: string }
  >({ kind: "idle" });
  const remove = async () => {
    if (!window.confirm(t("snap.delete") + "?")) return;
    const res = await fetch(`/api/snapshots/${encodeURIComponent(id)}`, { method: "DELETE" }).catch(
      (err: Error) => err,
    );
    if (res instanceof Error) return setState({ kind: "error", text: res.message });
    if (res.status === 204) return setState({ kind: "done" });
    const body = await res.json().catch(() => null);
    setState({ kind: "error", text: body?.error ?? `HTTP ${res.status}` });
  };
  if (state.kind === "done")
    return (
      <span role="status" data-testid="snapshot-deleted" className="text-xs">
        {t("snap.deleted")}
      </span>
    );
  return (
    <>
      <button
        type="button"
        className="rounded border border-red-400 px-2 py-0.5 text-xs text-red-800 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950"
        onClick={() => void remove()}
        data-testid="snapshot-delete"
      >
        {t("snap.delete")}
      </button>
      {state.kind === "error" && (
        <span role="alert" className="text-xs text-red-700">
          {state.text}
        </span>
      )}
    </>
  );
}
