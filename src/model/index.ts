export * from './value.js';
export type * from './sourced.js';
export type * from './resource.js';
export type * from './infra-model.js';
export * from './read.js';
