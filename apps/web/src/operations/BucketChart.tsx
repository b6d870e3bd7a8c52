/** One row of figures drawn across the buckets: bars or a line, with how a value reads in words. */
export interface ChartSeries {
  name: string;
  values: readonly (number | null)[];
  text: (value: number | null) => string;
  /** Picks the colour (operations.css): ops-series-1, ops-series-2. */
  tone: 1 | 2;
}

export interface BucketChartProps {
  title: string;
  /** One sentence of what the chart shows, read with its title by a screen reader. */
  summary: string;
  kind: 'bars' | 'lines';
  /** Short names under the chart (first and last shown) and full names in the table, one per bucket. */
  labels: readonly string[];
  names: readonly string[];
  /** Heading of the table's first column: Hour or Day. */
  bucketHeading: string;
  series: readonly ChartSeries[];
  /** The top of the scale; the largest value when left out. */
  max?: number;
  /** How the top of the scale reads, shown above the plot ("2 jobs", "100.0 %"). */
  scaleText: (top: number) => string;
}

const WIDTH = 240;
const HEIGHT = 72;
/** Room above the tallest value, so a line at the top stays visible. */
const HEADROOM = 2;

/**
 * A small chart without a chart library: an inline SVG of bars or lines over the buckets. The SVG is one image
 * to assistive technology, named by the title and a summary; every figure is also in a visually hidden table,
 * so a screen reader gets the numbers a sighted reader reads off the bars.
 */
export function BucketChart({ title, summary, kind, labels, names, bucketHeading, series, max, scaleText }: BucketChartProps) {
  const count = labels.length;
  const top = Math.max(max ?? 0, ...series.flatMap((one) => one.values.map((value) => value ?? 0)), 1);
  const slot = WIDTH / Math.max(count, 1);
  const y = (value: number) => HEIGHT - (value / top) * (HEIGHT - HEADROOM);
  const x = (index: number) => index * slot + slot / 2;

  return (
    <figure className="ops-chart">
      <figcaption>
        <strong>{title}</strong> <span className="muted small">{summary}</span>
      </figcaption>
      <div className="ops-scale" aria-hidden="true">
        top {scaleText(top)}
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}. ${summary}`} className="ops-chart-plot">
        <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="ops-baseline" />
        {kind === 'bars'
          ? series.map((one, seriesIndex) =>
              one.values.map((value, index) =>
                value === null || value === 0 ? null : (
                  <rect
                    key={`${seriesIndex}-${index}`}
                    className={`ops-series-${one.tone}`}
                    x={index * slot + slot * 0.15 + (seriesIndex * slot * 0.7) / series.length}
                    width={(slot * 0.7) / series.length}
                    y={y(value)}
                    height={HEIGHT - y(value)}
                  />
                ),
              ),
            )
          : series.map((one, seriesIndex) => (
              <g key={seriesIndex} className={`ops-series-${one.tone}`}>
                {segmentsOf(one.values).map((segment) => (
                  <polyline
                    key={segment[0]}
                    fill="none"
                    points={segment.map((index) => `${x(index).toFixed(1)},${y(one.values[index] ?? 0).toFixed(1)}`).join(' ')}
                  />
                ))}
                {one.values.map((value, index) =>
                  value === null ? null : <circle key={index} cx={x(index).toFixed(1)} cy={y(value).toFixed(1)} r={1.6} />,
                )}
              </g>
            ))}
      </svg>
      <div className="ops-axis" aria-hidden="true">
        <span>{labels[0]}</span>
        {series.length > 1 && (
          <span className="ops-legend">
            {series.map((one) => (
              <span key={one.name} className={`ops-key ops-series-${one.tone}`}>
                {one.name}
              </span>
            ))}
          </span>
        )}
        <span>{labels[count - 1]}</span>
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{bucketHeading}</th>
            {series.map((one) => (
              <th key={one.name} scope="col">
                {one.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((name, index) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {series.map((one) => (
                <td key={one.name}>{one.text(one.values[index] ?? null)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Runs of consecutive buckets with a value: a line is broken where a bucket has none, not drawn through zero. */
export function segmentsOf(values: readonly (number | null)[]): number[][] {
  const segments: number[][] = [];
  let current: number[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else {
      current.push(index);
    }
  });
  if (current.length > 0) segments.push(current);
  return segments;
}
