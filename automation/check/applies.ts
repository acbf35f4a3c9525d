import * as pulumi from "@pulumi/pulumi";

type Apply = (this: unknown, func: (value: unknown) => unknown, runWithUnknowns?: boolean) => unknown;

/** Counts of `apply` callbacks a run registered and ran. */
export interface ApplyWatch {
  /** Whether some callback never ran (its value was unknown, as in a preview). */
  skipped(): boolean;
  /** Puts `Output.prototype.apply` back. */
  restore(): void;
}

/**
 * Watches `Output.prototype.apply` for the length of a run: a preview skips callbacks whose
 * value is unknown, so what they would create is seen only when the program runs again as an
 * update.
 */
export function watchApplies(): ApplyWatch {
  const proto = (pulumi.Output as unknown as { prototype: { apply: Apply } }).prototype;
  const original = proto.apply;
  let registered = 0;
  let ran = 0;
  proto.apply = function (func, runWithUnknowns) {
    registered++;
    return original.call(
      this,
      (value) => {
        ran++;
        return func(value);
      },
      runWithUnknowns,
    );
  };
  return {
    skipped: () => ran < registered,
    restore: () => {
      proto.apply = original;
    },
  };
}
