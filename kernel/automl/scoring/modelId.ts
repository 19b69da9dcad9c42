/**
 * A model's id: the first 12 hex digits of the SHA-256 of its saved form, so the same model has the
 * same id in every session and after a reload, and predictions published by different models stay
 * apart in one table.
 */
import { createHash } from 'node:crypto';
import { serializeModel, type AutoMLModel } from '../AutoMLModel';

export function modelId(model: AutoMLModel): string {
  return createHash('sha256').update(serializeModel(model)).digest('hex').slice(0, 12);
}
