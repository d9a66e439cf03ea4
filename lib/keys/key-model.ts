// The vocabulary of a secret key, shared by the domain, the forms and the API.
export const ENVIRONMENTS = ["PRODUCTION", "STAGING", "DEVELOPMENT", "CI_CD"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const SCOPES = ["DATASET", "TRAINING", "DEPLOYMENT"] as const;
export type Scope = (typeof SCOPES)[number];

export const PERMISSION_LEVELS = ["FULL", "READ_ONLY", "LABELER_ONLY", "RESTRICTED"] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export const ACTIONS = ["read", "write", "annotate"] as const;
export type Action = (typeof ACTIONS)[number];

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  PRODUCTION: "Production",
  STAGING: "Staging",
  DEVELOPMENT: "Development",
  CI_CD: "CI/CD",
};

export const SCOPE_LABELS: Record<Scope, string> = {
  DATASET: "Dataset",
  TRAINING: "Training",
  DEPLOYMENT: "Deployment",
};

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  DATASET: "Datasets and annotations",
  TRAINING: "Workflows and runs",
  DEPLOYMENT: "Deployments and inference",
};

export const PERMISSION_LABELS: Record<PermissionLevel, string> = {
  FULL: "Full",
  READ_ONLY: "Read only",
  LABELER_ONLY: "Labeler only",
  RESTRICTED: "Restricted",
};

export const ACTION_LABELS: Record<Action, string> = { read: "Read", write: "Write", annotate: "Annotate" };
