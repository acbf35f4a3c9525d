/**
 * How a component gets one of its children that a team may already have: the component makes it
 * (the default; `args` adjusts it, deep-merged over the secure defaults), or the caller brings
 * its own (`existing`) and the component makes none.
 */
export type ChildOption<Args, Existing> =
  { readonly args?: Args; readonly existing?: undefined } | { readonly existing: Existing; readonly args?: undefined };
