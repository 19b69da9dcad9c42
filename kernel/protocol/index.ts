export * from './version';
export * from './notebook';
export * from './messages';
export * from './validate';
export type * from './KernelClient';
