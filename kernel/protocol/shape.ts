/** The fields a request's params must carry, checked at run time (types vanish on the wire). */
export type FieldSpec = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'string?' | 'number?' | 'boolean?' | 'object?' | 'array?';
export type Shape = Record<string, FieldSpec>;
