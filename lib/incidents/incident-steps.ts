// The compromise-response steps, in the order they must happen.
export const INCIDENT_STEPS = ["revoke", "replace", "update_apps", "review", "notify", "close"] as const;
export type IncidentStepId = (typeof INCIDENT_STEPS)[number];

export const INCIDENT_STEP_LABELS: Record<IncidentStepId, string> = {
  revoke: "Revoke the key now",
  replace: "Create a replacement",
  update_apps: "Update the apps that used it",
  review: "Review its recent activity",
  notify: "Notify the team",
  close: "Close the incident",
};

// The first step not yet done: where the wizard resumes.
export function nextStep(done: readonly string[]): IncidentStepId | null {
  return INCIDENT_STEPS.find((step) => !done.includes(step)) ?? null;
}

export function missingBefore(step: IncidentStepId, done: readonly string[]): IncidentStepId[] {
  return INCIDENT_STEPS.slice(0, INCIDENT_STEPS.indexOf(step)).filter((previous) => !done.includes(previous));
}
