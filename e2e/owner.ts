// The owner that first-run setup creates in the end-to-end installation.
export const OWNER = {
  organizationName: "Acme Vision Lab",
  name: "Olivia Owner",
  email: "olivia@acme.test",
  password: "a very long owner password",
};

export const OWNER_STATE = "e2e/.auth/owner.json";
