"use client";
// The PNG, SVG and JSON export buttons, the same on the pod page (ShareBar) and the pages drawn
// over a window (WindowShareBar: a workload's, a node's). The page says what the SVG document and
// the JSON are; this downloads them as `{file}.png|svg|json` (components/timeline/export.ts).
import { useI18n } from "@/components/I18n";
import { download, pngFromSvg } from "@/components/timeline/export";

const btn =
  "rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

export function ExportButtons({
  file,
  svg,
  json,
  onError,
}: {
  /** The file name without its extension (exportFileName). */
  file: string;
  /** The standalone SVG document of what is drawn; null: nothing drawn yet. */
  svg: () => string | null;
  /** The JSON export; null: nothing to export. */
  json: () => string | null | Promise<string | null>;
  onError: (message: string) => void;
}) {
  const { t } = useI18n();
  const run = (what: () => Promise<void>) => () =>
    void what().catch((err: unknown) => onError(err instanceof Error ? err.message : String(err)));
  const exportSvg = async () => {
    const text = svg();
    if (text) download(new Blob([text], { type: "image/svg+xml" }), `${file}.svg`);
  };
  const exportPng = async () => {
    const text = svg();
    if (text) download(await pngFromSvg(text), `${file}.png`);
  };
  const exportJson = async () => {
    const text = await json();
    if (text) download(new Blob([text], { type: "application/json" }), `${file}.json`);
  };
  return (
    <>
      <span className="ml-2 text-xs text-slate-500">{t("share.export")}</span>
      <button type="button" className={btn} data-testid="export-png" onClick={run(exportPng)}>
        PNG
      </button>
      <button type="button" className={btn} data-testid="export-svg" onClick={run(exportSvg)}>
        SVG
      </button>
      <button type="button" className={btn} data-testid="export-json" onClick={run(exportJson)}>
        JSON
      </button>
    </>
  );
}
