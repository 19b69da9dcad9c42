/** Our own small schema library (no dependency): `import * as s from '.../common/schema'`. */
export { fieldPath, type Infer, type OptionalSchema, type Schema } from './Schema';
export { boolean, custom, isPlainObject, number, oneOf, string, unknown, type NumberRules } from './primitives';
export { array, object, optional, record, refine, union, type ObjectOf } from './structures';
