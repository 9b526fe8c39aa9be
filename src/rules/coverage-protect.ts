// Catalog rows of groups A.4 (encryption at rest) and B (audit controls) without a rule, and why.
export const notImplemented: readonly { catalogId: string; reason: string }[] = [];
