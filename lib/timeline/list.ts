const EMPTY: readonly never[] = Object.freeze([]);

/** The array, or one shared empty array when the API sent null, nothing, or not an array. */
export function list<T>(value: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(value) ? value : EMPTY;
}
