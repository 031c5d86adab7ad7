import type { LocalizedText } from "../plan-graph/vocabulary";

/**
 * Disaggregation dimensions. `region` and `language` take their values from the organisation's reference lists,
 * `gender` has the fixed values women / men / trans people; a custom dimension lists its own values.
 */
export const builtInDimensions = ["region", "gender", "language"] as const;
export type BuiltInDimension = (typeof builtInDimensions)[number];
export const genders = ["women", "men", "trans"] as const;

export type DimensionValue = { code: string; label: LocalizedText };
export type DimensionSpec =
  | { code: BuiltInDimension }
  | { code: string; label: LocalizedText; values: DimensionValue[] };

/** A dimension with its values resolved, as the grid, the validator and the CSV template use it. */
export type ResolvedDimension = { code: string; label: LocalizedText | null; values: DimensionValue[] };

/** One level of a qualitative milestone scale; levels are ordered, a reported value is a level's index. */
export type ScaleLevel = { label: LocalizedText };

export const isBuiltIn = (code: string): code is BuiltInDimension =>
  (builtInDimensions as readonly string[]).includes(code);

/** Canonical key of a breakdown cell: dimension codes sorted, `gender=trans|region=africa`; "" for the total. */
export function cellKey(cell: Record<string, string>): string {
  return Object.keys(cell)
    .sort()
    .map((code) => `${code}=${cell[code]}`)
    .join("|");
}

/**
 * Resolves dimensions against the reference lists (`region`, `language`); gender labels come from the message
 * catalogue, so they carry no label here (null), and pages translate `gender.<code>`.
 */
export function resolveDimensions(
  specs: readonly DimensionSpec[],
  referenceLists: { region: readonly DimensionValue[]; language: readonly DimensionValue[] },
): ResolvedDimension[] {
  return specs.map((spec) => {
    if ("values" in spec) return { code: spec.code, label: spec.label, values: spec.values };
    if (spec.code === "gender")
      return { code: "gender", label: null, values: genders.map((code) => ({ code, label: { en: code } })) };
    return { code: spec.code, label: null, values: [...referenceLists[spec.code as "region" | "language"]] };
  });
}
