/** Kubernetes quantities, shared with the policy pack so config checks and policies agree. */
export { isQuantity, parseQuantity } from "../../policy/lib/quantity";
