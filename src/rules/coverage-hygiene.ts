// Catalog rows of the Terraform / IaC hygiene and PHI scoping section without a rule, and why.
export const notImplemented: readonly { catalogId: string; reason: string }[] = [];
