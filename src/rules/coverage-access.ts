// Catalog rows of groups A.1–A.3 (public exposure, least privilege, unique IDs and logoff) without a rule, and why.
export const notImplemented: readonly { catalogId: string; reason: string }[] = [];
