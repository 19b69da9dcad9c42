/** A one-row result as figures: each column's name over its value (common/dashboard/kpiValues). */
import type { Kpi } from '../../common/dashboard/kpiValues';

export function KpiFigures({ kpis }: { kpis: Kpi[] }) {
  return (
    <dl className="dash-kpis" data-testid="dash-kpis">
      {kpis.map((k, i) => (
        <div key={i} className="dash-kpi">
          <dt className="dash-kpi-label">{k.label}</dt>
          <dd className={`dash-kpi-value${k.numeric ? ' dash-kpi-number' : ''}`} data-testid="dash-kpi-value" data-label={k.label}>
            {k.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
