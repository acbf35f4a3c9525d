import { strict as assert } from "node:assert";
import { forTypes } from "../../policy/lib/aws/forTypes";
import { typeOf } from "../../policy/lib/typed";

describe("forTypes: one validation for several resource types", () => {
  const judged: string[] = [];
  const validate = (args: any) => {
    judged.push(args.type);
  };

  it("keeps the analyzer's type tag for one type", () => {
    assert.equal(typeOf(forTypes(["aws:s3/bucket:Bucket"], validate)), "aws:s3/bucket:Bucket");
  });

  it("is one untyped validation for several, judging only those types (the analyzer copies a resource once per validation)", () => {
    const v = forTypes(["aws:lb/listener:Listener", "aws:alb/listener:Listener"], validate);
    assert.equal(typeof v, "function");
    assert.equal(typeOf(v), undefined);
    judged.length = 0;
    for (const type of ["aws:lb/listener:Listener", "aws:s3/bucket:Bucket", "aws:alb/listener:Listener"])
      void v({ type } as any, () => {});
    assert.deepEqual(judged, ["aws:lb/listener:Listener", "aws:alb/listener:Listener"]);
  });
});
