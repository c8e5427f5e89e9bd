import * as React from 'react';
import { Box, Typography } from '@strapi/design-system';

/**
 * A bar chart as accessible SVG: a role="img" figure whose label states the series, and a
 * visually hidden table of the values for screen readers.
 */
export function BarChart(props: {
  title: string;
  bars: Array<{ label: string; value: number }>;
  unit?: string;
  max?: number;
  height?: number;
}) {
  const height = props.height ?? 160;
  const max = Math.max(props.max ?? 0, ...props.bars.map((b) => b.value), 1);
  const width = Math.max(props.bars.length * 12, 300);
  const barWidth = width / Math.max(props.bars.length, 1);
  const total = props.bars.reduce((s, b) => s + b.value, 0);
  return (
    <Box>
      <svg
        viewBox={`0 0 ${width} ${height + 20}`}
        width="100%"
        height={height + 20}
        role="img"
        aria-label={`${props.title}: ${props.bars.length} values, total ${total}${props.unit ?? ''}`}
        preserveAspectRatio="none"
      >
        <line x1="0" y1={height} x2={width} y2={height} stroke="#c0c0cf" strokeWidth="1" />
        {props.bars.map((b, i) => {
          const h = (b.value / max) * (height - 10);
          return (
            <rect key={b.label} x={i * barWidth + barWidth * 0.15} y={height - h} width={barWidth * 0.7} height={h} fill="#4945ff">
              <title>{`${b.label}: ${b.value}${props.unit ?? ''}`}</title>
            </rect>
          );
        })}
      </svg>
      <Box style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography variant="pi" textColor="neutral600">
          {props.bars[0]?.label}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {props.bars[props.bars.length - 1]?.label}
        </Typography>
      </Box>
    </Box>
  );
}

/** Horizontal bars for a few labelled rates (0–100 %). */
export function RateBars(props: { title: string; rates: Array<{ label: string; rate: number; note?: string }> }) {
  return (
    <Box role="list" aria-label={props.title}>
      {props.rates.map((r) => (
        <Box key={r.label} role="listitem" paddingBottom={3}>
          <Typography variant="omega">
            {r.label}: <strong>{r.rate}%</strong> {r.note ? <Typography textColor="neutral600">({r.note})</Typography> : null}
          </Typography>
          <Box background="neutral150" hasRadius style={{ height: 8 }}>
            <Box background="primary600" hasRadius style={{ height: 8, width: `${Math.min(100, Math.max(0, r.rate))}%` }} />
          </Box>
        </Box>
      ))}
    </Box>
  );
}
