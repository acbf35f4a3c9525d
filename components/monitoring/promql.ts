export { promqlProblem } from "../../policy/lib/readiness/promql";
