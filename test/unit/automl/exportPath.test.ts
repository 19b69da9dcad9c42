import { describe, expect, it } from 'vitest';
import { exportPath } from '../../../kernel/automl/exportPath';
import { guessTarget } from '../../../renderer/automl/guessTarget';

describe('export file names', () => {
  it('adds the extension once and never doubles it', () => {
    expect(exportPath('models/model_report.html', '.html')).toBe('models/model_report.html');
    expect(exportPath('models/model_status', '.html')).toBe('models/model_status.html');
    expect(exportPath('models/model_status.json', '.html')).toBe('models/model_status.html');
    expect(exportPath('report.HTM', '.html')).toBe('report.HTM');
    expect(exportPath('models/model_status.json', '.json')).toBe('models/model_status.json');
    expect(exportPath('models/model_status.html', '.json')).toBe('models/model_status.json');
    expect(exportPath('models/v1.2/model', '.json')).toBe('models/v1.2/model.json');
  });
});

describe('the target the dialog preselects before the session answers', () => {
  it('never an event-type, id or timestamp column', () => {
    const orders = ['order_id', 'buyer_id', 'amount_eur', 'status', 'placed_at', 'last_event_id', 'last_event_type'].map((name) => ({
      name,
      type: name === 'placed_at' ? 'TIMESTAMP' : 'VARCHAR',
    }));
    expect(guessTarget(orders)).toBe('status');
    expect(guessTarget([{ name: 'region' }, { name: 'sales' }, { name: 'event_type' }])).toBe('sales');
  });
});
