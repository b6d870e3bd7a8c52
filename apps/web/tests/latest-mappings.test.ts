import type { ListSkuMappingsResponse, SkuMapping } from "@invoice/contracts";
import { describe, expect, it } from "vitest";
import { latestMappings } from "../src/mappings/latest-mappings";
import { latestRequest } from "../src/shared/latest-request";

function mapping(supplierKey: string, supplierSku: string): SkuMapping {
  return {
    supplierKey,
    supplierSku,
    inventorySku: `INV-${supplierSku}`,
    packSize: "1",
    updatedAt: "2026-12-01T09:00:00.000Z",
    lastUsedAt: null,
  };
}

/** An API whose answers arrive when the test says, in any order. */
function heldApi() {
  const held = new Map<
    string,
    {
      answer: (body: ListSkuMappingsResponse) => void;
      fail: (error: unknown) => void;
    }
  >();
  const api = {
    listMappings: (supplier: string) =>
      new Promise<ListSkuMappingsResponse>((answer, fail) => {
        held.set(supplier, { answer, fail });
      }),
  };
  return { api, held };
}

describe("latestMappings", () => {
  it("drops supplier A's answer when it arrives after supplier B was picked", async () => {
    const { api, held } = heldApi();
    const requests = latestRequest();
    const forA = latestMappings(api, "acme", requests.begin());
    const forB = latestMappings(api, "bolt", requests.begin());

    held.get("bolt")?.answer({ items: [mapping("bolt", "B-1")] });
    held.get("acme")?.answer({ items: [mapping("acme", "A-1")] });

    expect(await forB).toEqual({
      current: true,
      items: [mapping("bolt", "B-1")],
    });
    expect(await forA).toEqual({ current: false });
  });

  it("drops a stale failure, but lets the current supplier's failure through", async () => {
    const { api, held } = heldApi();
    const requests = latestRequest();
    const forA = latestMappings(api, "acme", requests.begin());
    const forB = latestMappings(api, "bolt", requests.begin());

    held.get("acme")?.fail(new Error("acme unreachable"));
    held.get("bolt")?.fail(new Error("bolt unreachable"));

    expect(await forA).toEqual({ current: false });
    await expect(forB).rejects.toThrow("bolt unreachable");
  });
});
