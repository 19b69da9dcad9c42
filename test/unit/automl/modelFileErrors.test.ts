/**
 * A model or data file that is missing or damaged says what is wrong with it, with a code that the
 * cell's heading reads ("not found", "corrupt"), rather than blaming the user's request.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../kernel/automl/AutoMLModel';
import { loadTable } from '../../../kernel/automl/loadTable';

describe('AutoML file errors', () => {
  it('a model file that is not JSON is corrupt; JSON of another kind is unsupported', () => {
    expect(() => loadModel('{"format": "silt-automl-model", "version": 1, ')).toThrow(
      expect.objectContaining({ code: 'corrupt', message: 'The model file is not valid JSON.' }),
    );
    expect(() => loadModel('{"format": "onnx"}')).toThrow(expect.objectContaining({ code: 'unsupported' }));
  });

  it('a missing data file is not-found and a damaged Parquet file is corrupt, each naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-automl-files-'));
    const missing = join(dir, 'nope.csv');
    await expect(loadTable(missing)).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining(missing) });
    const broken = join(dir, 'broken.parquet');
    writeFileSync(broken, 'PAR1 not parquet at all PAR1');
    await expect(loadTable(broken)).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining(broken) });
  });
});
