import type { ComponentChildren } from 'preact';

/*
 * A table of records: a header row of column names (scope=col), one row per record, the first cell a
 * row header when asked. A table wider than a phone scrolls sideways inside a labelled region that
 * takes keyboard focus, so it can be scrolled without a mouse.
 */

export interface Column<Row> {
  readonly header: ComponentChildren;
  readonly cell: (row: Row) => ComponentChildren;
}

export interface DataTableProps<Row> {
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  /** A stable key per row. */
  readonly rowKey: (row: Row) => string;
  /** The first column names its row (`<th scope="row">`). */
  readonly rowHeaders?: boolean;
  /** Shown instead of the table when there are no rows. */
  readonly empty: ComponentChildren;
  /** The id of the heading that names the table; with `scrolls`, it names the scrolling region too. */
  readonly labelledBy?: string;
  /** Many columns: wrap in a scrolling region. */
  readonly scrolls?: boolean;
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  if (props.rows.length === 0) return <>{props.empty}</>;
  const table = (
    <table aria-labelledby={props.scrolls ? undefined : props.labelledBy}>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col">{column.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)}>
            {props.columns.map((column, index) =>
              index === 0 && props.rowHeaders ? (
                <th scope="row">{column.cell(row)}</th>
              ) : (
                <td>{column.cell(row)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (!props.scrolls) return table;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls takes focus so it scrolls by keyboard (axe: scrollable-region-focusable).
    <section aria-labelledby={props.labelledBy} tabIndex={0} style="overflow-x:auto">
      {table}
    </section>
  );
}
