/**
 * The filter operators of a result grid's column menu, shared by the protocol (which checks them)
 * and the window (which lists them): `null`/`notnull` take no value, `between` two, the rest one.
 */
export const FILTER_OPS = ['contains', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'null', 'notnull'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
