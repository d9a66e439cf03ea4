import { describe, expect, it } from "vitest";
import { relyingPartyFor } from "./relying-party";

describe("relying party", () => {
  it("is the public address's host name and origin", () => {
    expect(relyingPartyFor("https://keys.example.com/")).toEqual({ id: "keys.example.com", name: "Secret Keys", origin: "https://keys.example.com" });
    expect(relyingPartyFor("http://localhost:3100")).toEqual({ id: "localhost", name: "Secret Keys", origin: "http://localhost:3100" });
    expect(relyingPartyFor("https://Keys.Example.com:8443/panel")).toEqual({
      id: "keys.example.com",
      name: "Secret Keys",
      origin: "https://keys.example.com:8443",
    });
  });
});
