// Catalog rows of the Terraform / IaC hygiene and PHI scoping section without a rule, and why.
export const notImplemented: readonly { catalogId: string; reason: string }[] = [
  {
    catalogId: 'phi-plan-destroys-datastore',
    reason: 'Needs plan JSON (resource_changes with delete or delete+create actions); Terraform source alone does not say what an apply would destroy. Planned with the plan/state input issue.',
  },
];
