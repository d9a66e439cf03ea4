// The owner that first-run setup creates in the end-to-end installation.
export const OWNER = {
  organizationName: "Acme Vision Lab",
  name: "Olivia Owner",
  email: "olivia@acme.test",
  password: "a very long owner password",
};

export const OWNER_STATE = "e2e/.auth/owner.json";

// The platform service token the end-to-end app is started with: services
// that report the end client of a verification send it.
export const SERVICE_TOKEN = "svc_e2e_0123456789abcdefghijklmnopqrstuv";
export const SERVICE_HEADERS = { "x-service-token": SERVICE_TOKEN };
