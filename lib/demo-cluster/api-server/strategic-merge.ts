// Applying a strategic merge patch (application/strategic-merge-patch+json), as apimachinery's
// util/strategicpatch/patch.go StrategicMergeMapPatch does it (MergeParallelList and
// IgnoreUnmatchedNulls on, as the API server calls it): maps merge, `null` deletes, lists merge by
// their merge key when the field is tagged `patchStrategy:"merge"` (patch-meta.ts) and are replaced
// otherwise; directives `$patch: replace|delete` (in a map or as a list element),
// `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`. The order of a
// merged list follows mergeSlice / normalizeElementOrder: the patch's order for the items it
// names, the live order for the others, interleaved by their live positions.
import type { PatchSchema } from "./patch-meta";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const DIRECTIVE = "$patch";
const RETAIN_KEYS = "$retainKeys";
const SET_ORDER = "$setElementOrder/";
const DELETE_FROM = "$deleteFromPrimitiveList/";

/** A patch apimachinery refuses, with its error text (mergepatch/errors.go). */
export class PatchFormatError extends Error {}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const kindOf = (v: unknown) => (Array.isArray(v) ? "list" : isObj(v) ? "map" : "scalar");

/** Go's `%v` of a decoded JSON value (maps print with sorted keys), for error messages. */
function goFormat(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goFormat).join(" ")}]`;
  if (isObj(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goFormat(v[k])}`)
      .join(" ")}]`;
  return v === null ? "<nil>" : String(v);
}

const noMergeKey = (m: unknown, key: string) =>
  new PatchFormatError(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);

/** Applies `patch` to `original` (neither is changed) and returns the result. */
export function strategicMerge(original: Obj, patch: Obj, schema: PatchSchema | undefined): Obj {
  return dropDirectives(mergeMap(structuredClone(original), structuredClone(patch), schema)) as Obj;
}

/**
 * Directives left in values the object did not have (taken as they are, as apimachinery does)
 * are no fields of any kind: the API server's decoder drops them, and so does this.
 */
function dropDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(dropDirectives);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v))
    if (
      k !== DIRECTIVE &&
      k !== RETAIN_KEYS &&
      !k.startsWith(SET_ORDER) &&
      !k.startsWith(DELETE_FROM)
    )
      out[k] = dropDirectives(x);
  return out;
}

function mergeMap(original: Obj | undefined, patch: Obj, schema: PatchSchema | undefined): Obj {
  if (DIRECTIVE in patch) {
    const directive = patch[DIRECTIVE];
    if (directive === "replace") {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (directive === "delete") return {};
    throw new PatchFormatError(
      `unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`,
    );
  }
  original ??= {};
  applyRetainKeys(original, patch);
  mergeOrderedLists(original, patch, schema);
  for (const [entry, value] of Object.entries(patch)) {
    let key = entry;
    let deleteList = false;
    if (key.startsWith(DELETE_FROM)) {
      key = key.slice(DELETE_FROM.length);
      deleteList = true;
      if (!Array.isArray(value))
        throw new PatchFormatError("invalid patch format of primitive list");
      // Nothing to delete from a list the object does not have.
      if (!Array.isArray(original[key])) continue;
    }
    if (value === null) {
      delete original[key];
      continue;
    }
    const current = original[key];
    const meta = schema?.[key];
    if (current === undefined || kindOf(current) !== kindOf(value)) {
      original[key] = value;
    } else if (isObj(current) && isObj(value)) {
      original[key] = meta?.strategy === "replace" ? value : mergeMap(current, value, meta?.type);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      original[key] =
        meta?.strategy === "merge"
          ? mergeSlice(current, value, meta.mergeKey ?? "", meta.type, deleteList)
          : value;
    } else original[key] = value;
  }
  return original;
}

function applyRetainKeys(original: Obj, patch: Obj): void {
  if (!(RETAIN_KEYS in patch)) return;
  const keys = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(keys)) throw new PatchFormatError("invalid patch format of retainKeys");
  const keep = new Set(keys);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM) || k.startsWith(SET_ORDER)) continue;
    if (!keep.has(k)) throw new PatchFormatError("invalid patch format of retainKeys");
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** mergePatchIntoOriginal: each `$setElementOrder/<list>` with its list, merged and put in that order. */
function mergeOrderedLists(original: Obj, patch: Obj, schema: PatchSchema | undefined): void {
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    delete patch[key];
    if (!Array.isArray(order))
      throw new PatchFormatError("invalid patch format of setElementOrder list");
    const field = key.slice(SET_ORDER.length);
    const meta = schema?.[field];
    const mergeKey = meta?.mergeKey ?? "";
    const live = original[field];
    const given = patch[field];
    if (live !== undefined && !Array.isArray(live))
      throw new PatchFormatError(
        `expected a list for ${field}, but the object has a ${kindOf(live)}`,
      );
    if (given !== undefined && !Array.isArray(given))
      throw new PatchFormatError(
        `expected a list for ${field}, but the patch has a ${kindOf(given)}`,
      );
    checkOrderList(given ?? [], order, mergeKey);
    let merged: Json[];
    if (live && given)
      merged =
        meta?.strategy === "merge" ? mergeSlice(live, given, mergeKey, meta.type, false) : given;
    else if (live) merged = live;
    else if (given) merged = given;
    else continue;
    const inOrder = (v: Json) => indexIn(order, v, mergeKey) >= 0;
    original[field] = normalizeElementOrder(
      merged.filter(inOrder),
      merged.filter((v) => !inOrder(v)),
      order,
      live ?? [],
      mergeKey,
    );
    delete patch[field];
  }
}

/** validatePatchWithSetOrderList: the patch's items (deletions aside) appear in the order list, in its order. */
function checkOrderList(list: Json[], order: Json[], mergeKey: string): void {
  if (!order.length || !list.length) return;
  const kept = mergeKey ? list.filter((v) => !(isObj(v) && v[DIRECTIVE] === "delete")) : list;
  let i = 0;
  let j = 0;
  while (i < kept.length && j < order.length) {
    if (isObj(kept[i]) && DIRECTIVE in (kept[i] as Obj)) {
      i++;
      continue;
    }
    if (keyOf(kept[i], mergeKey) === keyOf(order[j], mergeKey)) i++;
    j++;
  }
  if (i < kept.length)
    throw new PatchFormatError(
      `The order in patch list:\n${goFormat(list)}\n doesn't match $setElementOrder list:\n${goFormat(order)}\n`,
    );
}

function keyOf(item: Json, mergeKey: string): Json | undefined {
  if (!mergeKey) return item;
  if (!isObj(item)) throw new PatchFormatError(`expected a map, but received a ${kindOf(item)}`);
  if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
  return item[mergeKey];
}

function indexIn(list: Json[], item: Json, mergeKey: string): number {
  const want = mergeKey ? (isObj(item) ? item[mergeKey] : undefined) : item;
  return list.findIndex((v) => (mergeKey ? (isObj(v) ? v[mergeKey] : undefined) : v) === want);
}

function mergeSlice(
  original: Json[],
  patch: Json[],
  mergeKey: string,
  elementSchema: PatchSchema | undefined,
  deleteList: boolean,
): Json[] {
  if (!original.length && !patch.length) return original;
  const kinds = new Set([...original, ...patch].map(kindOf));
  if (kinds.has("list")) throw new PatchFormatError("lists of lists are not supported");
  if (kinds.size > 1) throw new PatchFormatError("list element types are not identical");
  let merged: Json[];
  if (!kinds.has("map")) {
    if (deleteList) return original.filter((v) => !patch.includes(v));
    merged = [...new Set([...original, ...patch])];
    mergeKey = "";
  } else {
    if (!mergeKey) throw new PatchFormatError("cannot merge lists without merge key for type map");
    [original, patch] = specialElements(original, patch, mergeKey);
    merged = [...original];
    for (const item of patch) {
      const at = merged.findIndex((v) => keyOf(v, mergeKey) === keyOf(item, mergeKey));
      if (at >= 0) merged[at] = mergeMap(merged[at] as Obj, item as Obj, elementSchema);
      else merged.push(item);
    }
  }
  const inPatch = (v: Json) => indexIn(patch, v, mergeKey) >= 0;
  return normalizeElementOrder(
    merged.filter(inPatch),
    merged.filter((v) => !inPatch(v)),
    patch,
    original,
    mergeKey,
  );
}

/** mergeSliceWithSpecialElements: `{$patch: delete, key}` removes, `{$patch: replace}` makes the patch's items the list. */
function specialElements(original: Json[], patch: Json[], mergeKey: string): [Json[], Json[]] {
  const plain: Json[] = [];
  let replace = false;
  for (const item of patch) {
    const directive = (item as Obj)[DIRECTIVE];
    if (directive === undefined) plain.push(item);
    else if (directive === "delete") {
      if (!(mergeKey in (item as Obj))) throw noMergeKey(item, mergeKey);
      const key = (item as Obj)[mergeKey];
      original = original.filter((v) => keyOf(v, mergeKey) !== key);
    } else if (directive === "replace") replace = true;
    else if (directive === "merge")
      throw new PatchFormatError("merging lists cannot yet be specified in the patch");
    else
      throw new PatchFormatError(
        `unknown patch type: ${goFormat(directive)} in map: ${goFormat(item)}`,
      );
  }
  return replace ? [plain, []] : [original, plain];
}

/** normalizeElementOrder: each part sorted by its own order, then interleaved by the live order. */
function normalizeElementOrder(
  patchItems: Json[],
  serverOnly: Json[],
  patchOrder: Json[],
  serverOrder: Json[],
  mergeKey: string,
): Json[] {
  const left = sortByOrder(serverOnly, serverOrder, mergeKey);
  const right = sortByOrder(patchItems, patchOrder, mergeKey);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) out.push(left[i++]);
    else if (i >= left.length) out.push(right[j++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey);
      const ri = indexIn(serverOrder, right[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/**
 * normalizeSliceOrder: Go's sort.SliceStable (an insertion sort for the short lists patches
 * carry) with apimachinery's comparison, which calls an item missing from `order` "less";
 * deletion directives go last.
 */
function sortByOrder(items: Json[], order: Json[], mergeKey: string): Json[] {
  const deletions = mergeKey ? items.filter((v) => isObj(v) && v[DIRECTIVE] === "delete") : [];
  const list = mergeKey ? items.filter((v) => !deletions.includes(v)) : [...items];
  const less = (a: Json, b: Json) => {
    const ia = indexIn(order, a, mergeKey);
    const ib = indexIn(order, b, mergeKey);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  };
  for (let i = 1; i < list.length; i++)
    for (let j = i; j > 0 && less(list[j], list[j - 1]); j--)
      [list[j], list[j - 1]] = [list[j - 1], list[j]];
  return [...list, ...deletions];
}
