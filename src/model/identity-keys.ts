// Attributes that hold a resource's own name: what others use to refer to it by a literal
// (InfraModel.related links by them, and the lookups by name read them: model/name-lookups.ts).
export const IDENTITY_KEYS: readonly string[] = ['bucket', 'name', 'function_name', 'cluster_identifier', 'identifier', 'table_name', 'replication_group_id', 'domain_name', 'repository', 'cluster_name'];
