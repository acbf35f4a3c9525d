/**
 * Kubernetes resource quantities ("500m", "2Gi", "1.5"), parsed the way the API server reads them
 * so that config can be checked (limits ≥ requests) before anything is rendered.
 */

const QUANTITY = /^([+]?(?:\d+(?:\.\d*)?|\.\d+))(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;

const SUFFIX_FACTORS: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Whether `value` is a syntactically valid non-negative Kubernetes quantity. */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/** The numeric value of a quantity in base units (cores, bytes), or `undefined` if it is not one. */
export function parseQuantity(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const [, digits, suffix = ""] = match;
  if (/^[eE]/.test(suffix)) return Number(digits) * 10 ** Number(suffix.slice(1));
  return Number(digits) * SUFFIX_FACTORS[suffix];
}
