import * as React from 'react';
import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';

/** A design-system table from headers and rows of cells; an empty table says so. */
export function DataTable(props: {
  label: string;
  headers: string[];
  rows: Array<{ key: string; cells: React.ReactNode[] }>;
  empty: string;
}) {
  return (
    <Table colCount={props.headers.length} rowCount={props.rows.length + 1} aria-label={props.label}>
      <Thead>
        <Tr>
          {props.headers.map((h, i) => (
            <Th key={i}>
              <Typography variant="sigma">{h}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {props.rows.length === 0 ? (
          <Tr>
            <Td colSpan={props.headers.length}>
              <Typography textColor="neutral600">{props.empty}</Typography>
            </Td>
          </Tr>
        ) : (
          props.rows.map((row) => (
            <Tr key={row.key}>
              {row.cells.map((cell, i) => (
                <Td key={i}>{typeof cell === 'string' || typeof cell === 'number' ? <Typography>{cell}</Typography> : cell}</Td>
              ))}
            </Tr>
          ))
        )}
      </Tbody>
    </Table>
  );
}
