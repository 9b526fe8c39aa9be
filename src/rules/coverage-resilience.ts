// Catalog rows of sections C, D, E and F.1–F.3 deliberately not implemented as rules, with the reason.
export const notImplemented: readonly { catalogId: string; reason: string }[] = [];
